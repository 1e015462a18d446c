import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * "Nothing is due now": no waiting or active job, and no delayed job due within `withinMs`.
 * The due time is read from the delayed set's score (BullMQ stores timestamp * 0x1000 +
 * counter, see its getDelayedScore.lua), because a job moved back to "delayed" by the
 * pacer keeps its original `delay` option.
 */
export async function nothingDue(queue: Queue, redis: Redis, now: number, withinMs = 1500): Promise<boolean> {
  const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
  if (Object.values(counts).some((n) => n > 0)) return false;
  const first = await firstDelayed(queue, redis);
  return first === null || first.at > now + withinMs;
}

/** The delayed job due first and its due time (from its score, as above); null when none is delayed. */
export async function firstDelayed(queue: Queue, redis: Redis): Promise<{ jobId: string; at: number } | null> {
  const first = await redis.zrange(queue.keys.delayed!, '0', '0', 'WITHSCORES');
  if (first.length < 2) return null;
  return { jobId: first[0]!, at: Math.floor(Number(first[1]) / 0x1000) };
}
