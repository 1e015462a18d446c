import type { Redis } from 'ioredis';
import { CampaignReader } from '../campaign/campaign-reader.js';
import type { Config } from '../config/schema.js';
import { Pacer } from '../pacing/pacer.js';
import { nextWindowStart } from '../pacing/send-window.js';
import { whenText, windowText } from '../pacing/when-text.js';
import type { SendJobData } from '../queue/send-job.js';
import type { SendQueue } from '../queue/send-queue.js';
import type { Keys } from '../store/keys.js';
import { firstDelayed } from './drain-watch.js';
import type { WaitReason } from './send-processor.js';

export interface SummaryDeps {
  redis: Redis;
  keys: Keys;
  config: Pick<Config, 'pacing' | 'followups'>;
  senderEmail: string;
  queue: SendQueue;
}

/** Why the next send waits, in words. `recorded` is what the processor saw, when it saw that job. */
async function because(d: SummaryDeps, data: SendJobData, tz: string, now: number, recorded?: WaitReason): Promise<string> {
  const p = d.config.pacing;
  if (recorded === 'paused' || (await d.redis.exists(d.keys.paused(data.campaign))))
    return `campaign "${data.campaign}" is paused (outreach resume --campaign ${data.campaign})`;
  if (recorded === 'hold') return 'the contact is away (auto-reply) until then';
  if (recorded === 'busy') return 'another worker holds this send';
  // Not seen by this process (queued with its planned time): judged from the rules now.
  if (recorded === undefined && data.step > 0)
    return `follow-up ${data.step} waits ${d.config.followups[data.step - 1]?.delayBusinessDays ?? '?'} business day(s) after the previous email`;
  if (recorded === 'window' || (recorded === undefined && nextWindowStart(now, tz, p) > now))
    return `outside the sending window (${windowText(p)}, recipient's time)`;
  const state = await new Pacer(d.redis, d.keys, d.senderEmail, p).state(now);
  if (state.recent.length >= p.dailyCap) return `the daily cap of ${p.dailyCap} messages in 24 h is reached`;
  if (state.nextAt - now > p.gapSeconds.max * 1000) return `batch pause (${p.batchPauseMinutes} min after ${p.batchSize} messages)`;
  return 'the gap between two messages';
}

/**
 * The one line `worker --drain` ends with: how many were sent, and when the next send is
 * due and why it waits (outside the sending window, daily cap, batch pause, paused).
 */
export async function drainSummary(d: SummaryDeps, sent: number, waits: Map<string, WaitReason>, now = Date.now()): Promise<string> {
  const head = `sent ${sent} message(s)`;
  const first = await firstDelayed(d.queue.queue, d.redis);
  if (first === null) return `${head}; nothing else is queued`;
  const { jobId } = first;
  const at = Math.max(now, first.at);
  const job = await d.queue.queue.getJob(jobId);
  if (!job) return `${head}; next send due ${new Date(at).toISOString()}`;
  const contact = await new CampaignReader(d.redis, d.keys, job.data.campaign).get(job.data.contactId);
  const tz = contact?.row.timezone ?? d.config.pacing.defaultTimezone;
  const why = await because(d, job.data, tz, now, waits.get(jobId));
  return `${head}; next send due ${whenText(at, tz)} to ${contact?.email ?? job.data.contactId}: ${why}`;
}
