import type { Redis } from 'ioredis';
import type { StoredContact } from '../campaign/stored-contact.js';
import type { Config } from '../config/schema.js';
import { Ledger } from '../ledger/ledger.js';
import type { MessageRenderer } from '../render/message-renderer.js';
import type { Keys } from '../store/keys.js';
import { followUpDueAt } from './follow-up-due.js';
import { sendJobId, type SendJobData } from './send-job.js';
import type { SendQueue } from './send-queue.js';

export interface RetryDeps {
  redis: Redis;
  keys: Keys;
  queue: SendQueue;
  config: Pick<Config, 'pacing' | 'followups'>;
  renderer: Pick<MessageRenderer, 'renderText'>;
}

export interface RetryReport {
  requeued: { email: string; step: number }[];
  /** Failed sends that still fail to render: left failed, with the reason. */
  stillFailing: { email: string; step: number; reason: string }[];
}

/**
 * Queues failed sends again with the options they were queued with (`--no-pacing` kept):
 * a failed send was refused or never rendered, so it was never delivered. With `withCancelled`
 * (`retry --contact`), sends cancelled by the user come back too; a cancelled follow-up whose
 * previous step has not gone yet is cleared, to be scheduled when that step goes.
 */
export async function retrySends(
  d: RetryDeps, campaign: string, contacts: StoredContact[], o: { withCancelled: boolean }, now = Date.now(),
): Promise<RetryReport> {
  const ledger = new Ledger(d.redis, d.keys, campaign);
  const report: RetryReport = { requeued: [], stillFailing: [] };
  const byContact = await ledger.byContact();
  for (const c of contacts) {
    const entries = (byContact.get(c.id) ?? []).sort((a, b) => a.step - b.step);
    for (const e of entries) {
      const wanted = e.state === 'failed' || (o.withCancelled && e.state === 'cancelled' && e.byUser);
      if (!wanted) continue;
      const prev = entries.find((x) => x.step === e.step - 1);
      if (e.step > 0 && prev?.state !== 'sent') {
        if (e.state === 'cancelled') await ledger.drop(c.id, e.step, 'cancelled');
        continue;
      }
      try {
        d.renderer.renderText(c, e.step);
      } catch (err) {
        report.stillFailing.push({ email: c.email, step: e.step, reason: (err as { line?: () => string }).line?.() ?? (err as Error).message });
        continue;
      }
      // A follow-up the config no longer has is due when the previous step went (no delay).
      const after = e.step > 0 && prev?.sentAt ? followUpDueAt(d.config, c, e.step - 1, prev.sentAt) ?? prev.sentAt : now;
      const dueAt = Math.max(now, after);
      const data: SendJobData = { campaign, contactId: c.id, step: e.step, ...(e.noPacing ? { noPacing: true } : {}) };
      // A new job id: the failed job keeps its own for the record.
      const resend = now;
      if (!(await ledger.transition(c.id, e.step, e.state, 'queued', now, { jobId: sendJobId(data, resend), dueAt, byUser: false }))) continue;
      await d.queue.add(data, dueAt - now, resend);
      report.requeued.push({ email: c.email, step: e.step });
    }
  }
  return report;
}
