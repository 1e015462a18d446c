import type { StoredContact } from '../campaign/stored-contact.js';
import type { Config } from '../config/schema.js';
import { Ledger } from '../ledger/ledger.js';
import { addBusinessDays } from '../pacing/business-days.js';
import { sendJobId } from '../queue/send-job.js';
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

/**
 * After step `step` went out, queues the next follow-up as a delayed job, N business days
 * later in the recipient's zone. The ledger entry comes first and is added only once, so a
 * crash between the two is repaired by reconcile and a repeat adds nothing.
 */
export async function scheduleNextStep(
  deps: ScheduleDeps, campaign: string, contact: StoredContact, step: number, sentAt: number, noPacing?: boolean,
): Promise<boolean> {
  const next = deps.config.followups[step];
  if (!next) return false;
  const tz = contact.row.timezone ?? deps.config.pacing.defaultTimezone;
  const dueAt = addBusinessDays(sentAt, next.delayBusinessDays, tz);
  const data = { campaign, contactId: contact.id, step: step + 1, ...(noPacing ? { noPacing } : {}) };
  const added = await new Ledger(deps.redis, deps.keys, campaign).enqueue({
    state: 'queued', contactId: contact.id, step: step + 1,
    messageId: deps.renderer.messageId(campaign, contact, step + 1),
    dueAt, queuedAt: sentAt, updatedAt: sentAt, attempts: 0, noPacing, jobId: sendJobId(data),
  });
  if (added) await deps.queue.add(data, dueAt - (deps.now ?? Date.now)());
  return added;
}
