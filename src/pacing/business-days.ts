import { DateTime } from 'luxon';
import { assertZone } from '../contacts/time-zone.js';

/** `at` plus n business days in the given zone, skipping Saturdays and Sundays. */
export function addBusinessDays(at: number, days: number, timezone: string): number {
  assertZone(timezone);
  if (!Number.isFinite(at) || !Number.isFinite(days) || days < 0) throw new RangeError(`addBusinessDays: bad input (${at}, ${days})`);
  let t = DateTime.fromMillis(at, { zone: timezone });
  const whole = Math.floor(days);
  let left = whole;
  // Bounded: n business days are at most n + 2 calendar days per started week.
  for (let guard = whole * 2 + 7; left > 0; guard--) {
    if (guard <= 0 || !t.isValid) throw new RangeError(`addBusinessDays: no end (${t.invalidReason ?? 'guard'})`);
    t = t.plus({ days: 1 });
    if (t.weekday <= 5) left--;
  }
  // Fractions of a day (tests shorten delays to seconds) are added as plain time.
  return t.toMillis() + Math.round((days - whole) * 86_400_000);
}

/** `at` minus n whole business days in the given zone (Saturdays and Sundays skipped). */
export function subtractBusinessDays(at: number, days: number, timezone: string): number {
  assertZone(timezone);
  if (!Number.isFinite(at) || !Number.isFinite(days) || days < 0) throw new RangeError(`subtractBusinessDays: bad input (${at}, ${days})`);
  let t = DateTime.fromMillis(at, { zone: timezone });
  let left = Math.floor(days);
  for (let guard = left * 2 + 7; left > 0; guard--) {
    if (guard <= 0 || !t.isValid) throw new RangeError(`subtractBusinessDays: no end (${t.invalidReason ?? 'guard'})`);
    t = t.minus({ days: 1 });
    if (t.weekday <= 5) left--;
  }
  return t.toMillis();
}
