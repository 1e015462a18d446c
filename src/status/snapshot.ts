import type { CampaignStatus } from './campaign-status.js';
import type { Counters, Dimension, GroupCounts } from './counters.js';
import { fisherExact, wilson } from './statistics.js';

/** Below this many delivered, a reply rate is "too few to tell". */
export const MIN_FOR_RATE = 10;
/** Below this many delivered per variant, no winner is named. */
export const MIN_FOR_VARIANT = 20;

/** A reply rate: replied / delivered, with its 95% Wilson interval (null below MIN_FOR_RATE). */
export interface Rate {
  name: string;
  sent: number;
  delivered: number;
  replied: number;
  positive: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

export interface VariantRate extends Rate {
  /** Two-sided Fisher's exact test against the first variant (null for the first itself). */
  p: number | null;
  verdict: string;
}

export interface NextDue {
  contact: string;
  step: number;
  at: string;
  timezone: string;
  /** The time in the contact's zone, e.g. "Tue 09:12". */
  local: string;
}

export interface SnapshotEvent {
  at: string;
  kind: string;
  contact: string;
  step: number;
  hint?: string;
}

/** Everything one frame of the dashboard shows for one campaign: read-only, plain data. */
export interface CampaignSnapshot {
  campaign: string;
  generatedAt: string;
  status: CampaignStatus;
  funnel: { contacts: number; sent: number; delivered: number; replied: number; positive: number };
  side: { bounced: number; softBounced: number; autoReplies: number; optedOut: number; failed: number; uncertain: number };
  rate: Rate;
  byStep: Rate[];
  byTopic: Rate[];
  byInstitution: Rate[];
  byVariant: VariantRate[];
  /** First replies per day, oldest first, the last entry is today. */
  repliesPerDay: number[];
  medianFirstReplyMs: number | null;
  today: { sent: number; cap: number };
  next: NextDue[];
  queue: { waiting: number; delayed: number; active: number; failed: number };
  events: SnapshotEvent[];
  /** With `dashboard --json` only: every contact and its variant. */
  contacts?: { email: string; variant: string | null }[];
}

export interface Snapshot {
  campaigns: string[];
  current: CampaignSnapshot | null;
}

export function rate(name: string, g: GroupCounts): Rate {
  const delivered = Math.max(0, g.sent - g.bounced);
  const enough = delivered >= MIN_FOR_RATE;
  const ci = enough ? wilson(Math.min(g.replied, delivered), delivered) : null;
  return {
    name, sent: g.sent, delivered, replied: g.replied, positive: g.positive,
    rate: enough ? g.replied / delivered : null, low: ci?.low ?? null, high: ci?.high ?? null,
  };
}

/** A share as a percentage with one decimal, e.g. 0.123 → "12.3%". */
export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Each variant against the first: Fisher's exact test on replied / not replied among delivered. */
export function variantRates(rows: Rate[]): VariantRate[] {
  const base = rows[0];
  return rows.map((r, i) => {
    if (!base || i === 0) return { ...r, p: null, verdict: 'baseline' };
    if (r.delivered < MIN_FOR_VARIANT || base.delivered < MIN_FOR_VARIANT) return { ...r, p: null, verdict: 'too few sends to tell' };
    // A reply can come from an address that bounced later: never more replied than delivered.
    const k = Math.min(r.replied, r.delivered), kb = Math.min(base.replied, base.delivered);
    const p = fisherExact(k, r.delivered - k, kb, base.delivered - kb);
    const better = k / r.delivered > kb / base.delivered;
    const verdict = p < 0.05
      ? `${better ? 'better' : 'worse'} than ${base.name} (p = ${p.toFixed(3)})`
      : `no clear difference from ${base.name} (p = ${p.toFixed(2)})`;
    return { ...r, p, verdict };
  });
}

export function rateText(r: Rate): string {
  return r.rate === null ? 'too few to tell' : `${pct(r.rate)} (95% CI ${pct(r.low!)}–${pct(r.high!)})`;
}

/** Rates of one dimension, most delivered first. */
export function dimensionRates(c: Counters, dim: Dimension): Rate[] {
  return [...c.groups[dim]].map(([name, g]) => rate(name, g)).sort((a, b) => b.delivered - a.delivered || a.name.localeCompare(b.name));
}
