import { DateTime } from 'luxon';
import type { PacingConfig } from '../config/schema.js';
import { assertZone } from '../contacts/time-zone.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export type WindowRules = Pick<PacingConfig, 'days' | 'hours'>;

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The earliest moment at or after `now` inside the sending window, read in the
 * recipient's time zone (so "Tue 08:00" is the mentor's Tuesday morning, DST included).
 */
export function nextWindowStart(now: number, timezone: string, rules: WindowRules): number {
  const start = minutes(rules.hours.start);
  const end = minutes(rules.hours.end);
  assertZone(timezone);
  let t = DateTime.fromMillis(now, { zone: timezone });
  for (let i = 0; i < 8; i++) {
    const day = WEEKDAYS[t.weekday - 1]!;
    const m = t.hour * 60 + t.minute;
    if (rules.days.includes(day)) {
      if (m >= start && m < end) return Math.max(now, t.toMillis());
      if (m < start) return t.startOf('day').plus({ minutes: start }).toMillis();
    }
    t = t.plus({ days: 1 }).startOf('day');
  }
  return now; // unreachable with at least one sending day
}

export function inWindow(now: number, timezone: string, rules: WindowRules): boolean {
  return nextWindowStart(now, timezone, rules) === now;
}
