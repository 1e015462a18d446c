import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { Ledger } from '../ledger/ledger.js';
import { Pacer } from '../pacing/pacer.js';
import { planSends, type PlannedSend } from '../pacing/plan.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import type { MessageRenderer } from '../render/message-renderer.js';
import type { Keys } from '../store/keys.js';
import { Suppression } from '../store/suppression.js';
import { CampaignReader } from '../campaign/campaign-reader.js';
import { assignVariants } from '../campaign/variant-assignment.js';
import type { StoredContact } from '../campaign/stored-contact.js';
import { recordCampaignSender } from './repeat-first-emails.js';
import { sendJobId, type SendJobData } from './send-job.js';
import type { SendQueue } from './send-queue.js';

export interface PlanRow extends PlannedSend {
  contact: StoredContact;
  timezone: string;
}

/** Contacts who have not had the first email yet, are active and not suppressed, in import order. */
export async function pendingContacts(redis: Redis, keys: Keys, campaign: string): Promise<StoredContact[]> {
  const reader = new CampaignReader(redis, keys, campaign);
  const [contacts, statuses, ledgerFields, suppressed] = await Promise.all([
    reader.all(),
    reader.statuses(),
    redis.hkeys(keys.ledger(campaign)),
    redis.smembers(keys.suppressed()),
  ]);
  const started = new Set(ledgerFields.filter((f) => f.endsWith(':0')).map((f) => f.slice(0, -2)));
  const blocked = new Set(suppressed);
  const suppression = new Suppression(redis, keys);
  const forgotten = async (email: string) => blocked.size > 0 && blocked.has(await suppression.hashOf(email));
  const out: StoredContact[] = [];
  for (const c of contacts)
    if (!started.has(c.id) && (statuses[c.id] ?? 'active') === 'active' && !blocked.has(c.email.toLowerCase()) && !(await forgotten(c.email))) out.push(c);
  return out;
}

/** The plan: who goes in which batch and when, by the same rules the workers enforce. */
async function makePlan(
  redis: Redis, keys: Keys, config: Config, contacts: StoredContact[], now: number, noPacing: boolean,
): Promise<PlanRow[]> {
  const tzOf = (c: StoredContact) => c.row.timezone ?? config.pacing.defaultTimezone;
  if (noPacing) return contacts.map((c) => ({ id: c.id, batch: 1, at: now, contact: c, timezone: tzOf(c) }));
  const state = await new Pacer(redis, keys, config.sender.email, config.pacing).state(now);
  // Messages already queued but not sent take their places first.
  const queued: number[] = [];
  for (const campaign of await redis.smembers(keys.campaigns()))
    for (const e of await new Ledger(redis, keys, campaign).all())
      if (e.state === 'queued' && e.step === 0) queued.push(Math.max(now, e.dueAt ?? now));
  const recent = [...state.recent, ...queued].sort((a, b) => a - b);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  return planSends(contacts.map((c) => ({ id: c.id, timezone: tzOf(c) })), config.pacing, now, {
    recent,
    nextAt: Math.max(state.nextAt, recent.at(-1) ?? 0),
  }).map((p) => ({ ...p, contact: byId.get(p.id)!, timezone: tzOf(byId.get(p.id)!) }));
}

export interface QueueCampaignDeps {
  redis: Redis;
  keys: Keys;
  config: Config;
  /** Gives each step its Message-ID (ledger entries record it before anything is sent), and the A/B variants. */
  renderer: Pick<MessageRenderer, 'messageId'> & Partial<Pick<MessageRenderer, 'variantNames'>>;
  /** Needed unless dryRun. */
  queue?: SendQueue;
}

export interface QueueCampaignOptions {
  /** The contacts to plan; default: every pending one (pendingContacts). */
  contacts?: StoredContact[];
  noPacing?: boolean;
  /** Plan only: nothing is written (the default of `outreach send`). */
  dryRun?: boolean;
  now?: number;
}

export interface QueueCampaignResult {
  plan: PlanRow[];
  queued: number;
  /** Planned contacts that another run had queued already. */
  already: number;
}

/**
 * The one way a campaign's first emails are planned and queued: `outreach send`, the
 * benchmark and the tests all call this.
 */
export async function queueCampaign(deps: QueueCampaignDeps, campaign: string, o: QueueCampaignOptions = {}): Promise<QueueCampaignResult> {
  const now = o.now ?? Date.now();
  const contacts = o.contacts ?? (await pendingContacts(deps.redis, deps.keys, campaign));
  if (contacts.length === 0) return { plan: [], queued: 0, already: 0 };
  const plan = await makePlan(deps.redis, deps.keys, deps.config, contacts, now, o.noPacing ?? false);
  if (o.dryRun) return { plan, queued: 0, already: 0 };
  if (!deps.queue) throw new Error('queueCampaign: a queue is needed unless dryRun');
  // Before any ledger entry, so the counters file each first send under its variant.
  await assignVariants(deps.redis, deps.keys, campaign, plan.map((p) => p.contact), deps.renderer.variantNames ?? []);
  await recordCampaignSender(deps.redis, deps.keys, campaign, deps.config.sender.email);
  const r = await enqueuePlan(deps.redis, deps.keys, deps.queue, deps.renderer, campaign, plan, now, o.noPacing ?? false);
  return { plan, ...r };
}

/**
 * Queues the first step for each planned contact. The ledger entry is added first and
 * only if absent; the job id derives from (campaign, contact, step): so running `send
 * --send` twice queues nothing new.
 */
async function enqueuePlan(
  redis: Redis, keys: Keys, queue: SendQueue, renderer: Pick<MessageRenderer, 'messageId'>, campaign: string, plan: PlanRow[], now: number, noPacing: boolean,
): Promise<{ queued: number; already: number }> {
  const ledger = new Ledger(redis, keys, campaign);
  await new Suppression(redis, keys).registerSender();
  const jobs: { data: SendJobData; delayMs: number }[] = [];
  let already = 0;
  for (let i = 0; i < plan.length; i += 500) {
    const chunk = plan.slice(i, i + 500).map((p) => {
      const data: SendJobData = { campaign, contactId: p.id, step: 0, ...(noPacing ? { noPacing: true } : {}) };
      const entry: LedgerEntry = {
        state: 'queued', contactId: p.id, step: 0, messageId: renderer.messageId(campaign, p.contact, 0),
        dueAt: p.at, queuedAt: now, updatedAt: now, attempts: 0, jobId: sendJobId(data), ...(noPacing ? { noPacing } : {}),
      };
      return { data, entry, delayMs: p.at - now };
    });
    const added = await ledger.enqueueMany(chunk.map((c) => c.entry));
    chunk.forEach((c, k) => (added[k] ? jobs.push({ data: c.data, delayMs: c.delayMs }) : already++));
  }
  for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
  return { queued: jobs.length, already };
}
