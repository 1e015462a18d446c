import type { Redis } from 'ioredis';
import type { StoredContact } from '../campaign/stored-contact.js';
import { Ledger } from '../ledger/ledger.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import type { MessageRenderer } from '../render/message-renderer.js';
import type { Keys } from '../store/keys.js';
import { jobIdOf } from './send-job.js';
import type { SendQueue } from './send-queue.js';

export interface CancelDeps {
  redis: Redis;
  keys: Keys;
  queue: SendQueue;
  renderer: Pick<MessageRenderer, 'messageId' | 'steps'>;
}

export interface CancelReport {
  /** Queued or delayed sends now cancelled. */
  cancelled: number;
  /** Steps not queued yet (follow-ups to come) that will now never be queued. */
  blocked: number;
  /** Sends a worker had already taken: they finish, but nothing follows them. */
  inFlight: { email: string; step: number }[];
}

const CANCELLED_BY_USER = 'by outreach cancel';

/**
 * Cancels a campaign's queued and delayed sends (all, one contact's, or one step's).
 * Each is a compare-and-set from "queued" to "cancelled" on the ledger, the same entry the
 * worker's claim compares-and-sets from "queued" to "sending": whichever comes first wins,
 * so once this returns, no cancelled send can go (ARCHITECTURE.md, invariant 1). Steps not
 * queued yet get a "cancelled" entry first, so a send that was in flight schedules no
 * follow-up; the BullMQ jobs are then removed (a job a worker holds is skipped by its claim).
 */
export async function cancelSends(
  d: CancelDeps, campaign: string, contacts: StoredContact[], o: { step?: number; all: boolean }, now = Date.now(),
): Promise<CancelReport> {
  const ledger = new Ledger(d.redis, d.keys, campaign);
  const report: CancelReport = { cancelled: 0, blocked: 0, inFlight: [] };
  const byContact = await ledger.byContact();
  const patch = { error: CANCELLED_BY_USER, byUser: true };
  for (const c of contacts) {
    const entries = byContact.get(c.id) ?? [];
    // Campaign-wide, only contacts already under way; one contact (--contact) even before its first email.
    if (entries.length === 0 && o.all) continue;
    const steps = o.step !== undefined ? [o.step] : Array.from({ length: d.renderer.steps }, (_, s) => s);
    const placeholders = steps
      .filter((s) => !entries.some((e) => e.step === s))
      .map((s): LedgerEntry => ({ state: 'cancelled', contactId: c.id, step: s, messageId: d.renderer.messageId(campaign, c, s), queuedAt: now, updatedAt: now, attempts: 0, ...patch }));
    const added = await ledger.enqueueMany(placeholders);
    report.blocked += added.filter(Boolean).length;
    // A placeholder that found an entry already there lost a race with a worker that has just
    // scheduled that step: cancel that entry like the others (compare-and-set below).
    const raced = await Promise.all(placeholders.filter((_, i) => !added[i]).map((p) => ledger.get(c.id, p.step)));
    for (const e of [...entries, ...raced.filter((x): x is LedgerEntry => x !== null)]) {
      if (!steps.includes(e.step)) continue;
      if (e.state === 'sending') report.inFlight.push({ email: c.email, step: e.step });
      if (e.state !== 'queued' || !(await ledger.transition(c.id, e.step, 'queued', 'cancelled', now, patch))) continue;
      report.cancelled++;
      try {
        await d.queue.queue.remove(jobIdOf(campaign, e));
      } catch {
        // Locked by a worker that is processing it: its claim finds the entry cancelled.
      }
    }
  }
  return report;
}
