import type { Redis } from 'ioredis';
import { contactEntries } from '../ledger/contact-steps.js';
import { Ledger } from '../ledger/ledger.js';
import { jobIdOf } from '../queue/send-job.js';
import type { SendQueue } from '../queue/send-queue.js';
import type { Keys } from '../store/keys.js';
import type { ContactStatus } from '../campaign/stored-contact.js';

/**
 * The ledger `error` text of a follow-up cancelled because of what the contact's inbound mail
 * made of their status; one table for the effects and for `replies mark`, which also reads it
 * back to tell which cancellations a correction may undo (ARCHITECTURE.md, invariant 2).
 */
export const STOP_REASON = {
  replied: 'contact replied',
  opted_out: 'contact opted out',
  bounced: 'address bounced',
} as const satisfies Record<Exclude<ContactStatus, 'active'>, string>;

/**
 * Cancels a contact's pending follow-ups: queued ledger entries with step > 0 become
 * "cancelled" (compare-and-set, so one being claimed right now is left to its claim), and
 * their delayed jobs are removed. A job that cannot be removed (a worker holds it) is
 * harmless: the claim re-reads the contact's status and cancels it (ARCHITECTURE.md, invariant 2).
 */
export async function cancelFollowups(
  redis: Redis, keys: Keys, queue: SendQueue, campaign: string, contactId: string, why: string, now: number,
): Promise<number> {
  const ledger = new Ledger(redis, keys, campaign);
  let cancelled = 0;
  for (const e of await contactEntries(redis, keys, campaign, contactId)) {
    if (e.state !== 'queued' || e.step === 0) continue;
    if (!(await ledger.transition(contactId, e.step, 'queued', 'cancelled', now, { error: why }))) continue;
    cancelled++;
    const jobId = jobIdOf(campaign, e);
    try {
      await queue.queue.remove(jobId);
    } catch {
      // Locked by a worker that is processing it: its claim sees the cancelled entry.
    }
  }
  return cancelled;
}
