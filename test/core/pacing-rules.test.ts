import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { PacingSchema } from '../../src/config/schema.js';
import { addBusinessDays } from '../../src/pacing/business-days.js';
import { planSends } from '../../src/pacing/plan.js';
import { inWindow, nextWindowStart } from '../../src/pacing/send-window.js';

const rules = PacingSchema.parse({});
const ny = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' }).toMillis();

describe('sending window in the recipient\'s zone', () => {
  it('defaults to Tue–Thu 08:00–11:00', () => {
    expect(inWindow(ny('2026-12-01T09:30'), 'America/New_York', rules)).toBe(true); // Tuesday
    expect(inWindow(ny('2026-12-01T11:00'), 'America/New_York', rules)).toBe(false);
    expect(inWindow(ny('2026-11-30T09:30'), 'America/New_York', rules)).toBe(false); // Monday
  });
  it('moves to the next opening, reading the hours where the mentor is', () => {
    // Friday 10:00 New York → Tuesday 08:00 New York.
    expect(nextWindowStart(ny('2026-11-27T10:00'), 'America/New_York', rules)).toBe(ny('2026-12-01T08:00'));
    // Tuesday 09:00 in New York is 06:00 in Los Angeles: wait two hours.
    const la = DateTime.fromISO('2026-12-01T08:00', { zone: 'America/Los_Angeles' }).toMillis();
    expect(nextWindowStart(ny('2026-12-01T09:00'), 'America/Los_Angeles', rules)).toBe(la);
  });
  it('follows daylight saving time', () => {
    // 2027-03-16 is a Tuesday after the US switch: 08:00 EDT = 12:00 UTC.
    expect(new Date(nextWindowStart(Date.parse('2027-03-16T00:00:00Z'), 'America/New_York', rules)).toISOString()).toBe('2027-03-16T12:00:00.000Z');
  });
});

describe('business days', () => {
  it('skip the weekend', () => {
    expect(DateTime.fromMillis(addBusinessDays(ny('2026-11-27T09:00'), 5, 'America/New_York'), { zone: 'America/New_York' }).toISODate()).toBe('2026-12-04');
    expect(DateTime.fromMillis(addBusinessDays(ny('2026-12-03T09:00'), 1, 'America/New_York'), { zone: 'America/New_York' }).toISODate()).toBe('2026-12-04');
    expect(DateTime.fromMillis(addBusinessDays(ny('2026-12-04T09:00'), 1, 'America/New_York'), { zone: 'America/New_York' }).toISODate()).toBe('2026-12-07');
  });
});

describe('the plan', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, timezone: 'America/New_York' }));
  it('never puts more than the cap in any 24 hours, and keeps inside the window', () => {
    const plan = planSends(items(100), rules, ny('2026-11-27T10:00'), { recent: [], nextAt: 0 });
    expect(plan.length).toBe(100);
    const times = plan.map((p) => p.at);
    for (let i = 0; i < times.length; i++) {
      expect(times.filter((t) => t > times[i]! - 86_400_000 && t <= times[i]!).length).toBeLessThanOrEqual(rules.dailyCap);
      expect(inWindow(times[i]!, 'America/New_York', rules)).toBe(true);
    }
  });
  it('splits into batches of at most batchSize and counts earlier sends against the cap', () => {
    const r = { ...rules, dailyCap: 10, batchSize: 4, days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as typeof rules.days, hours: { start: '00:00', end: '24:00' } };
    const now = ny('2026-12-01T09:00');
    const recent = Array.from({ length: 8 }, (_, i) => now - 3600_000 + i);
    const plan = planSends(items(12), r, now, { recent, nextAt: 0 });
    const sizes = new Map<number, number>();
    for (const p of plan) sizes.set(p.batch, (sizes.get(p.batch) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(4);
    // Only two slots are left in the current 24 hours.
    expect(plan.filter((p) => p.at < recent[0]! + 86_400_000).length).toBe(2);
  });
});
