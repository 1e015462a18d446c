import { CampaignReader } from '../campaign/campaign-reader.js';
import { Ledger } from '../ledger/ledger.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { sendJobId } from '../queue/send-job.js';
import { scheduleNextStep, type ScheduleDeps } from './schedule-next.js';

/** How many job states are asked for at once. */
const STATE_BATCH = 200;

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
    // The queued entries' job states, asked many at a time: one round trip each, one after
    // the other, made a worker's start-up grow with the campaign (3,000 queued: 0.4 s).
    const queued = entries.filter((e) => e.state === 'queued');
    const states = new Map<LedgerEntry, string>();
    for (let i = 0; i < queued.length; i += STATE_BATCH) {
      const part = queued.slice(i, i + STATE_BATCH);
      const got = await Promise.all(part.map((e) => deps.queue.queue.getJobState(e.jobId ?? sendJobId({ campaign, contactId: e.contactId, step: e.step }))));
      part.forEach((e, k) => states.set(e, got[k]!));
    }
    for (const e of entries) {
      if (e.state === 'queued') {
        const base = { campaign, contactId: e.contactId, step: e.step };
        const state = states.get(e);
        if (state === 'unknown' || state === 'completed' || state === 'failed') {
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
