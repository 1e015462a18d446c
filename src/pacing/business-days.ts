import { DateTime } from 'luxon';

/** `at` plus n business days in the given zone, skipping Saturdays and Sundays. */
export function addBusinessDays(at: number, days: number, timezone: string): number {
  let t = DateTime.fromMillis(at, { zone: timezone });
  const whole = Math.floor(days);
  let left = whole;
  while (left > 0) {
    t = t.plus({ days: 1 });
    if (t.weekday <= 5) left--;
  }
  // Fractions of a day (tests shorten delays to seconds) are added as plain time.
  return t.toMillis() + Math.round((days - whole) * 86_400_000);
}
