import { Ledger } from '../ledger/ledger.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { sendJobId } from '../queue/send-job.js';
import type { BounceInfo } from './classify/index.js';
import type { EffectDeps } from './effect-deps.js';

/** A soft bounce (4.x.x: mailbox full, greylisted) waits this long before its one resend. */
export const SOFT_BOUNCE_DELAY_MS = 6 * 3_600_000;

/** Ledger fields this module adds to an entry (the ledger keeps unknown fields as they are). */
type SoftBouncePatch = Partial<LedgerEntry> & { softBounceRetried?: boolean; softBounce?: { at: number; status?: string; diagnostic?: string } };

/**
 * A temporary failure gets exactly one more try, later: the sent entry goes back to
 * "queued" under a new job id and is marked softBounceRetried. A second soft bounce of the
 * same step only records itself; the contact stays active (its follow-ups still go).
 */
export async function retrySoftBounce(
  d: EffectDeps, campaign: string, contactId: string, step: number, bounce: BounceInfo, now: number,
): Promise<boolean> {
  const ledger = new Ledger(d.redis, d.keys, campaign);
  const e = (await ledger.get(contactId, step)) as (LedgerEntry & { softBounceRetried?: boolean }) | null;
  if (!e || e.state !== 'sent') return false;
  const softBounce = { at: now, ...(bounce.status ? { status: bounce.status } : {}), ...(bounce.diagnostic ? { diagnostic: bounce.diagnostic.slice(0, 300) } : {}) };
  if (e.softBounceRetried) {
    await ledger.transition(contactId, step, 'sent', 'sent', now, { softBounce } as SoftBouncePatch);
    return false;
  }
  const delay = d.softBounceDelayMs ?? SOFT_BOUNCE_DELAY_MS;
  const resend = e.attempts + 1;
  const data = { campaign, contactId, step, ...(e.noPacing ? { noPacing: true } : {}) };
  const patch: SoftBouncePatch = { softBounceRetried: true, softBounce, jobId: sendJobId(data, resend), dueAt: now + delay };
  if (!(await ledger.transition(contactId, step, 'sent', 'queued', now, patch))) return false;
  await d.queue.add(data, delay, resend);
  return true;
}
