import type { PacingConfig } from '../config/schema.js';
import { nextWindowStart } from './send-window.js';

const DAY = 86_400_000;

export interface PlanInput {
  id: string;
  timezone: string;
}

export interface PlannedSend {
  id: string;
  batch: number;
  at: number;
}

export interface PlanState {
  /** Send times in the last 24 h (from the pacer's log), oldest first. */
  recent: number[];
  /** The earliest time the next send may start. */
  nextAt: number;
}

/**
 * When each message would go, by the same rules the workers enforce (window in the
 * recipient's zone, sliding 24 h cap, batches, gaps). Gaps use the middle of the jitter
 * range, so the times are estimates; the workers' reservations are what actually holds.
 */
export function planSends(items: PlanInput[], rules: PacingConfig, now: number, state: PlanState): PlannedSend[] {
  const gap = ((rules.gapSeconds.min + rules.gapSeconds.max) / 2) * 1000;
  const pause = rules.batchPauseMinutes * 60_000;
  const log = [...state.recent];
  let t = Math.max(now, state.nextAt);
  let lastAt = log.length > 0 ? log[log.length - 1]! : -Infinity;
  let batch = 1;
  let inBatch = 0;
  const out: PlannedSend[] = [];
  for (const item of items) {
    // Each turn moves t past the oldest send of the window, so it ends within dailyCap + 1 turns.
    for (let guard = log.length + 2; ; guard--) {
      if (guard <= 0 || !Number.isFinite(t)) throw new RangeError(`planSends: no slot found for ${item.id}`);
      t = nextWindowStart(t, item.timezone, rules);
      while (log.length > 0 && log[0]! <= t - DAY) log.shift();
      if (log.length < rules.dailyCap) break;
      t = log[0]! + DAY;
    }
    if (out.length > 0 && (t - lastAt >= pause || inBatch >= rules.batchSize)) {
      batch++;
      inBatch = 0;
    }
    out.push({ id: item.id, batch, at: t });
    log.push(t);
    lastAt = t;
    inBatch++;
    t += inBatch >= rules.batchSize ? Math.max(gap, pause) : gap;
  }
  return out;
}
