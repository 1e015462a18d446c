import type { StoredContact } from '../campaign/stored-contact.js';
import type { Config } from '../config/schema.js';
import { Ledger } from '../ledger/ledger.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { followUpDueAt } from '../queue/follow-up-due.js';
import { sendJobId, type SendJobData } from '../queue/send-job.js';
import type { SendQueue } from '../queue/send-queue.js';
import type { MessageRenderer } from '../render/message-renderer.js';
import type { Keys } from '../store/keys.js';
import type { Redis } from 'ioredis';

export interface ScheduleDeps {
  redis: Redis;
  keys: Keys;
  config: Pick<Config, 'pacing' | 'followups'>;
  renderer: MessageRenderer;
  queue: SendQueue;
  now?: () => number;
}

/** The next step after `step`: its job data and its ledger entry (with the due time). */
export interface NextStep {
  data: SendJobData;
  entry: LedgerEntry & { dueAt: number };
}

/** The follow-up due N business days after `sentAt`, in the recipient's zone (no Redis). */
export function nextStep(
  deps: Pick<ScheduleDeps, 'config' | 'renderer'>, campaign: string, contact: StoredContact, step: number, sentAt: number, noPacing?: boolean,
): NextStep | null {
  const dueAt = followUpDueAt(deps.config, contact, step, sentAt);
  if (dueAt === null) return null;
  const data: SendJobData = { campaign, contactId: contact.id, step: step + 1, ...(noPacing ? { noPacing } : {}) };
  const entry = {
    state: 'queued' as const, contactId: contact.id, step: step + 1,
    messageId: deps.renderer.messageId(campaign, contact, step + 1),
    dueAt, queuedAt: sentAt, updatedAt: sentAt, attempts: 0, noPacing, jobId: sendJobId(data),
  };
  return { data, entry };
}

/** Adds the job of a next step whose ledger entry was just added. */
export async function addNextJob(deps: Pick<ScheduleDeps, 'queue' | 'now'>, next: NextStep): Promise<void> {
  await deps.queue.add(next.data, next.entry.dueAt - (deps.now ?? Date.now)());
}

/** Adds a next step: its ledger entry unless one exists, then its job; true when added. */
export async function enqueueNextStep(deps: ScheduleDeps, campaign: string, next: NextStep): Promise<boolean> {
  const added = await new Ledger(deps.redis, deps.keys, campaign).enqueue(next.entry);
  if (added) await addNextJob(deps, next);
  return added;
}

/**
 * After step `step` went out, queues the next follow-up as a delayed job, N business days
 * later in the recipient's zone. The ledger entry comes first and is added only once, so a
 * crash between the two is repaired by reconcile and a repeat adds nothing. (The send
 * processor adds the entry together with the finish of the sent step: Ledger.finishThenEnqueue.)
 */
export async function scheduleNextStep(
  deps: ScheduleDeps, campaign: string, contact: StoredContact, step: number, sentAt: number, noPacing?: boolean,
): Promise<boolean> {
  const next = nextStep(deps, campaign, contact, step, sentAt, noPacing);
  return next ? enqueueNextStep(deps, campaign, next) : false;
}
