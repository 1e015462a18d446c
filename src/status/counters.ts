import type { LedgerState } from '../ledger/ledger-entry.js';

/** What a group (a topic, an institution, a variant) or a step counts. */
export interface GroupCounts {
  /** Contacts whose first email is sent (for a step: entries of that step that are sent). */
  sent: number;
  /** Hard-bounced contacts. */
  bounced: number;
  /** Contacts who answered (first answer, for a step). */
  replied: number;
  positive: number;
}

export type Dimension = 'topic' | 'institution' | 'variant';
const STATES: LedgerState[] = ['queued', 'sending', 'sent', 'failed', 'uncertain', 'cancelled'];

/** The campaign's counters (ledger/stats-lua.ts names the fields), parsed. */
export interface Counters {
  state: Record<LedgerState, number>;
  /** By step (0 = first email): ledger states, plus replies and hard bounces to that step. */
  steps: Array<Record<LedgerState, number> & GroupCounts>;
  status: { replied: number; bounced: number; opted_out: number };
  softBounced: number;
  replied: number;
  positive: number;
  bounces: { hard: number; soft: number };
  groups: Record<Dimension, Map<string, GroupCounts>>;
}

const zeroStates = (): Record<LedgerState, number> => Object.fromEntries(STATES.map((s) => [s, 0])) as Record<LedgerState, number>;
export const zeroGroup = (): GroupCounts => ({ sent: 0, bounced: 0, replied: 0, positive: 0 });

/** Parses the stats hash (HGETALL) into Counters. */
export function parseCounters(h: Record<string, string>): Counters {
  const c: Counters = {
    state: zeroStates(), steps: [], status: { replied: 0, bounced: 0, opted_out: 0 }, softBounced: 0, replied: 0, positive: 0,
    bounces: { hard: 0, soft: 0 }, groups: { topic: new Map(), institution: new Map(), variant: new Map() },
  };
  const step = (n: number) => {
    while (c.steps.length <= n) c.steps.push({ ...zeroStates(), ...zeroGroup() });
    return c.steps[n]!;
  };
  for (const [f, raw] of Object.entries(h)) {
    const v = Number(raw);
    if (f.startsWith('g\t')) {
      const [, dim, value, what] = f.split('\t') as [string, Dimension, string, keyof GroupCounts];
      const m = c.groups[dim];
      if (!m || !(what in zeroGroup())) continue;
      if (!m.has(value)) m.set(value, zeroGroup());
      m.get(value)![what] = v;
      continue;
    }
    const p = f.split(':');
    if (p[0] === 'state' && p[1]) c.state[p[1] as LedgerState] = v;
    else if (p[0] === 'step' && p.length === 3) (step(Number(p[1])) as unknown as Record<string, number>)[p[2]!] = v;
    else if (p[0] === 'status' && p[1]) (c.status as Record<string, number>)[p[1]] = v;
    else if (p[0] === 'bounces' && p[1]) (c.bounces as Record<string, number>)[p[1]] = v;
    else if (f === 'softBounced' || f === 'replied' || f === 'positive') c[f] = v;
  }
  return c;
}
