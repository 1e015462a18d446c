import { CampaignReader } from '../campaign/campaign-reader.js';
import { Ledger } from '../ledger/ledger.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { jobIdOf, sendJobId } from '../queue/send-job.js';
import { scheduleNextStep, type ScheduleDeps } from './schedule-next.js';

/** How many jobs are looked up in one script. */
const STATE_BATCH = 1000;

export interface ReconcileReport {
  uncertain: number;
  requeued: number;
  followupsScheduled: number;
}

/**
 * Run when a worker starts: repairs what a crash between two steps can leave behind.
 * - "sending" entries whose worker is gone become "uncertain" (never re-sent on their own);
 * - "queued" entries with no live job get one (the job id is new, the ledger still guards);
 * - "sent" steps whose follow-up was never scheduled get it.
 */
export async function reconcile(deps: ScheduleDeps): Promise<ReconcileReport> {
  const now = (deps.now ?? Date.now)();
  const report: ReconcileReport = { uncertain: 0, requeued: 0, followupsScheduled: 0 };
  for (const campaign of await deps.redis.smembers(deps.keys.campaigns())) {
    const ledger = new Ledger(deps.redis, deps.keys, campaign);
    report.uncertain += await ledger.sweep(now);
    const entries = await ledger.all();
    const steps = new Set(entries.map((e) => `${e.contactId}:${e.step}`));
    const reader = new CampaignReader(deps.redis, deps.keys, campaign);
    // Whether each queued entry's job still waits to run, many at a time in one script: a
    // round trip each made a worker's start-up grow with the campaign (5,000 queued: 0.25 s).
    const queued = entries.filter((e) => e.state === 'queued');
    const live = new Map<LedgerEntry, boolean>();
    for (let i = 0; i < queued.length; i += STATE_BATCH) {
      const part = queued.slice(i, i + STATE_BATCH);
      const got = await deps.queue.pending(part.map((e) => jobIdOf(campaign, e)));
      part.forEach((e, k) => live.set(e, got[k]!));
    }
    for (const e of entries) {
      if (e.state === 'queued') {
        const base = { campaign, contactId: e.contactId, step: e.step };
        if (!live.get(e)) {
          const resend = e.attempts + 1 + (now % 1000);
          const data = { ...base, ...(e.noPacing ? { noPacing: true } : {}) };
          if (await ledger.transition(e.contactId, e.step, 'queued', 'queued', now, { jobId: sendJobId(data, resend) })) {
            await deps.queue.add(data, (e.dueAt ?? now) - now, resend);
            report.requeued++;
          }
        }
      } else if (e.state === 'sent' && e.step < deps.config.followups.length && !steps.has(`${e.contactId}:${e.step + 1}`)) {
        const contact = await reader.get(e.contactId);
        if (contact && (await scheduleNextStep(deps, campaign, contact, e.step, e.sentAt ?? now, e.noPacing))) report.followupsScheduled++;
      }
    }
  }
  return report;
}
