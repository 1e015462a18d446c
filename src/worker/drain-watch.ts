import type { Queue } from 'bullmq';

/** "Nothing is due now": no waiting or active job, and no delayed job due within `withinMs`. */
export async function nothingDue(queue: Queue, now: number, withinMs = 1500): Promise<boolean> {
  const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
  if (Object.values(counts).some((n) => n > 0)) return false;
  const delayed = await queue.getDelayed(0, 200);
  return !delayed.some((j) => j.timestamp + (j.opts.delay ?? 0) <= now + withinMs);
}
