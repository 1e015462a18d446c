import type { Redis } from 'ioredis';
import { CampaignReader } from '../campaign/campaign-reader.js';
import type { ContactStatus } from '../campaign/stored-contact.js';
import { UserError } from '../errors/user-error.js';
import { Ledger } from '../ledger/ledger.js';
import { sendJobId } from '../queue/send-job.js';
import type { SendQueue } from '../queue/send-queue.js';
import type { Keys } from '../store/keys.js';
import { cancelFollowups, STOP_REASON } from './cancel-followups.js';
import { HINTS, type ReplyHint, type ReplyKind } from './classify/index.js';
import type { InboxRecord } from './inbox-record.js';
import { inboxRecords } from './inbound-list.js';
import { contactEntries } from '../ledger/contact-steps.js';
import { Suppression } from '../store/suppression.js';
import { STATUS_RANK } from './stats-scripts.js';

/**
 * `replies mark`: the user corrects the kind (and hint) of one inbound message, and every effect
 * is redone from the corrected evidence rather than patched: the contact's status is derived
 * again from all of its inbound messages, the address is suppressed or un-suppressed to match,
 * follow-ups are cancelled, or re-allowed when only a misreading had stopped them, and the
 * auto-reply count and hold follow. The correction itself is recorded.
 */

export interface ReclassifyDeps {
  redis: Redis;
  keys: Keys;
  queue: SendQueue;
  now?: () => number;
}

export interface MarkOptions {
  as: ReplyKind;
  hint?: ReplyHint;
  /** Where to look; all campaigns when absent. */
  campaign?: string;
}

export interface Correction {
  at: string;
  id: string;
  campaign: string;
  contactId: string;
  email?: string;
  before: { kind: ReplyKind; hint?: string };
  after: { kind: ReplyKind; hint?: string };
  status: { before: ContactStatus; after: ContactStatus };
  /** What happened to the address on the global do-not-contact list. */
  suppression: 'added' | 'removed' | 'kept' | 'none';
  cancelled: number;
  reallowed: number;
}

const SUPPRESSING: ReadonlySet<ContactStatus> = new Set(['bounced', 'opted_out']);
/**
 * ledger `error` texts of a follow-up stopped by a reply, bounce or opt-out: cancelFollowups'
 * STOP_REASON, and the claim's own (ledger/ledger-scripts.ts CLAIM): 'contact <status>' for any
 * status but active, and 'suppressed'.
 */
const STOPPED_BY_INBOUND: ReadonlySet<string> = new Set([
  ...Object.values(STOP_REASON),
  ...Object.keys(STOP_REASON).map((status) => `contact ${status}`),
  'suppressed',
]);

export function checkHint(hint: string): ReplyHint {
  if ((HINTS as readonly string[]).includes(hint)) return hint as ReplyHint;
  throw new UserError(`"${hint}" is not a reply hint`, { where: '--hint', hint: `use one of: ${HINTS.join(', ')}` });
}

/** The status one inbound message implies on its own. */
function statusOf(r: Pick<InboxRecord, 'kind' | 'hint' | 'bounce'>): ContactStatus {
  if (r.kind === 'reply') return r.hint === 'opt_out' ? 'opted_out' : 'replied';
  if (r.kind === 'bounce' && r.bounce?.type !== 'soft') return 'bounced';
  return 'active';
}

function derivedStatus(records: InboxRecord[]): ContactStatus {
  let s: ContactStatus = 'active';
  for (const r of records) if (STATUS_RANK[statusOf(r)] > STATUS_RANK[s]) s = statusOf(r);
  return s;
}

/** KEYS: inbox. ARGV: inbound id, new record JSON. Replaces the record in place (a sync may LPUSH meanwhile). */
const REPLACE = `
local items = redis.call('LRANGE', KEYS[1], 0, -1)
for i, raw in ipairs(items) do
  local ok, r = pcall(cjson.decode, raw)
  if ok and r.messageId == ARGV[1] then
    redis.call('LSET', KEYS[1], i - 1, ARGV[2])
    return 1
  end
end
return 0`;

interface Found {
  campaign: string;
  record: InboxRecord;
  email?: string;
}

/** The inbound message named by its id, or the latest one from a contact's address. */
async function findTarget(d: ReclassifyDeps, target: string, campaign?: string): Promise<Found> {
  const campaigns = campaign ? [campaign] : (await d.redis.smembers(d.keys.campaigns())).sort();
  if (campaign) await new CampaignReader(d.redis, d.keys, campaign).mustExist();
  const byEmail = /^[^<>\s]+@[^<>\s]+$/.test(target) && !target.startsWith('sha256:');
  const ids = new Set([target, target.startsWith('<') ? target : `<${target}>`]);
  let best: Found | undefined;
  for (const c of campaigns) {
    const reader = new CampaignReader(d.redis, d.keys, c);
    const contactId = byEmail ? await reader.idByEmail(target) : null;
    for (const r of await inboxRecords(d.redis, d.keys, c)) {
      const hit = r.messageId !== undefined && ids.has(r.messageId);
      const mine = contactId !== null && r.contactId === contactId;
      if (!hit && !mine) continue;
      if (hit || !best || r.at > best.record.at) best = { campaign: c, record: r, email: (await reader.get(r.contactId))?.email };
      if (hit) return best;
    }
  }
  if (!best)
    throw new UserError(`no inbound message ${byEmail ? 'from' : 'with id'} ${target}`, {
      where: 'replies mark <id|email>',
      hint: 'see the ids with "outreach replies list" (add --campaign <name> to narrow it)',
    });
  return best;
}

/** Applies one correction and returns what it changed. */
export async function markInbound(d: ReclassifyDeps, target: string, o: MarkOptions): Promise<Correction> {
  if (o.hint && o.as !== 'reply')
    throw new UserError('a hint belongs to a reply only', { where: '--hint', hint: `drop --hint, or mark it --as reply --hint ${o.hint}` });
  const now = (d.now ?? Date.now)();
  const { campaign, record, email } = await findTarget(d, target, o.campaign);
  const id = record.messageId ?? '';
  const contactId = record.contactId;

  const updated: InboxRecord = { ...record, kind: o.as };
  delete updated.hint;
  if (o.as === 'reply') updated.hint = o.hint ?? (record.kind === 'reply' ? record.hint : undefined) ?? 'neutral';
  if (o.as !== 'bounce') delete updated.bounce;
  else updated.bounce = record.bounce ?? { type: 'hard' };
  updated.corrected = record.corrected ?? { at: new Date(now).toISOString(), kind: record.kind, ...(record.hint ? { hint: record.hint } : {}) };
  await d.redis.eval(REPLACE, 1, d.keys.inbox(campaign), id, JSON.stringify(updated));

  // The contact's status, derived again from all of its inbound messages.
  const mine = (await inboxRecords(d.redis, d.keys, campaign)).filter((r) => r.contactId === contactId);
  const before = ((await d.redis.hget(d.keys.status(campaign), contactId)) ?? 'active') as ContactStatus;
  const after = derivedStatus(mine);
  await d.redis.hset(d.keys.status(campaign), contactId, after);

  const suppression = email ? await syncSuppression(d, email.toLowerCase(), campaign, before, after) : 'none';
  let cancelled = 0;
  let reallowed = 0;
  if (after !== 'active') {
    cancelled = await cancelFollowups(d.redis, d.keys, d.queue, campaign, contactId, STOP_REASON[after], now);
  } else if (suppression !== 'kept') {
    reallowed = await reallowFollowups(d, campaign, contactId, now);
  }

  if (record.kind === 'auto_reply' && o.as !== 'auto_reply') {
    await d.redis.hincrby(d.keys.meta(campaign), 'autoReplies', -1);
    if (!mine.some((r) => r.kind === 'auto_reply' && r.returnDate)) await d.redis.hdel(d.keys.holdUntil(campaign), contactId);
  } else if (record.kind !== 'auto_reply' && o.as === 'auto_reply') {
    await d.redis.hincrby(d.keys.meta(campaign), 'autoReplies', 1);
  }

  const correction: Correction = {
    at: new Date(now).toISOString(), id, campaign, contactId, ...(email ? { email } : {}),
    before: { kind: record.kind, ...(record.hint ? { hint: record.hint } : {}) },
    after: { kind: updated.kind, ...(updated.hint ? { hint: updated.hint } : {}) },
    status: { before, after }, suppression, cancelled, reallowed,
  };
  await d.redis.lpush(d.keys.corrections(campaign), JSON.stringify(correction));
  return correction;
}

/**
 * Puts the address on the do-not-contact list when the corrected status calls for it, and takes
 * it off when this campaign's misreading was the only reason: no other campaign holds the
 * address as bounced or opted out.
 */
async function syncSuppression(d: ReclassifyDeps, email: string, campaign: string, before: ContactStatus, after: ContactStatus): Promise<Correction['suppression']> {
  // Through Suppression, so each sender's copy the claim reads stays in step (store/keys.ts).
  const list = new Suppression(d.redis, d.keys);
  if (SUPPRESSING.has(after)) return (await list.add([email]))[0] ? 'added' : 'kept';
  if (!SUPPRESSING.has(before)) return (await d.redis.sismember(d.keys.suppressed(), email)) === 1 ? 'kept' : 'none';
  for (const c of await d.redis.smembers(d.keys.campaigns())) {
    if (c === campaign) continue;
    const id = await d.redis.hget(d.keys.emails(c), email);
    const st = id ? await d.redis.hget(d.keys.status(c), id) : null;
    if (st && SUPPRESSING.has(st as ContactStatus)) return 'kept';
  }
  return (await list.remove([email]))[0] ? 'removed' : 'none';
}

/**
 * Follow-ups that a reply, bounce or opt-out had stopped go back in the queue (compare-and-set
 * from "cancelled", under a new job id; the claim checks status and suppression again when
 * they come due, ARCHITECTURE.md invariant 2).
 */
async function reallowFollowups(d: ReclassifyDeps, campaign: string, contactId: string, now: number): Promise<number> {
  const ledger = new Ledger(d.redis, d.keys, campaign);
  let n = 0;
  for (const e of await contactEntries(d.redis, d.keys, campaign, contactId)) {
    if (e.state !== 'cancelled' || e.step === 0 || !STOPPED_BY_INBOUND.has(e.error ?? '')) continue;
    const data = { campaign, contactId, step: e.step, ...(e.noPacing ? { noPacing: true } : {}) };
    const resend = e.attempts + 1 + (now % 1000);
    const dueAt = Math.max(e.dueAt ?? now, now);
    if (!(await ledger.transition(contactId, e.step, 'cancelled', 'queued', now, { jobId: sendJobId(data, resend), dueAt, error: `re-allowed by replies mark (was: ${e.error})` })))
      continue;
    await d.queue.add(data, dueAt - now, resend);
    n++;
  }
  return n;
}
