import type { Redis } from 'ioredis';
import { Ledger } from '../ledger/ledger.js';
import type { Keys } from '../store/keys.js';
import type { SendQueue } from './send-queue.js';

/**
 * Holds a campaign's sends: the worker's claim reads the flag in its atomic step, so no
 * send of a paused campaign starts after this returns (one already started finishes).
 */
export async function pauseCampaign(redis: Redis, keys: Keys, campaign: string): Promise<boolean> {
  return (await redis.set(keys.paused(campaign), new Date().toISOString(), 'NX')) === 'OK';
}

/** Releases a campaign; sends that waited for it and are due now are woken at once. */
export async function resumeCampaign(redis: Redis, keys: Keys, queue: SendQueue, campaign: string, now = Date.now()): Promise<{ wasPaused: boolean; woken: number }> {
  const wasPaused = (await redis.del(keys.paused(campaign))) === 1;
  let woken = 0;
  for (const e of await new Ledger(redis, keys, campaign).all()) {
    if (e.state !== 'queued' || (e.dueAt ?? 0) > now || !e.jobId) continue;
    const job = await queue.queue.getJob(e.jobId);
    if (job && (await job.isDelayed())) {
      await job.promote().catch(() => {});
      woken++;
    }
  }
  return { wasPaused, woken };
}
