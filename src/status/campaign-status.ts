import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { Ledger } from '../ledger/ledger.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { CampaignReader } from '../campaign/campaign-reader.js';
import { Pacer } from '../pacing/pacer.js';
import { nextWindowStart } from '../pacing/send-window.js';
import type { Keys } from '../store/keys.js';
import { parseCounters, type Counters } from './counters.js';

/** The keys of `status --json` (CLI-CONTRACT.md), one object per campaign. */
export interface CampaignStatus {
  campaign: string;
  contacts: number;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  uncertain: number;
  cancelled: number;
  replied: number;
  bounced: number;
  /** Ledger entries that came back with a soft bounce (retried once, later). */
  softBounced: number;
  autoReplies: number;
  optedOut: number;
  sentToday: number;
  dailyCap: number;
  nextSendAt: string | null;
  /** Set by `outreach pause` until `outreach resume`. */
  paused: boolean;
  /** Who the next send goes to, and their time zone (the window is read there). */
  nextSendTo: string | null;
  nextSendZone: string | null;
}

const DAY = 86_400_000;
/** How many of the earliest queued entries are read to find the next sends. */
export const NEXT_LOOK = 20;

export interface NextSend {
  contactId: string;
  step: number;
  /** When it may go, ms (pacing included). */
  at: number;
  /** Queued to skip pacing (the ledger entry's noPacing): its sending window is not waited for either. */
  noPacing: boolean;
}

/** What status and the snapshot both read: counters, pacing, and the earliest due sends. */
export interface StatusParts {
  status: CampaignStatus;
  counters: Counters;
  next: NextSend[];
}

/**
 * Counts from the counters the ledger scripts keep (ledger/stats-lua.ts): a few reads, never
 * a scan of the contacts. `outreach status --rebuild` recomputes them from the ledger.
 */
export async function statusParts(redis: Redis, keys: Keys, config: Config, campaign: string, now = Date.now(), o: { sweep?: boolean } = {}): Promise<StatusParts> {
  // `status` sweeps, so a dead worker's "sending" shows as "uncertain" right away; the
  // dashboard's snapshot only reads (the workers sweep on their own).
  if (o.sweep ?? true) await new Ledger(redis, keys, campaign).sweep(now);
  const [stats, contacts, autoReplies, sentToday, due, pace, paused] = await Promise.all([
    redis.hgetall(keys.stats(campaign)),
    redis.zcard(keys.order(campaign)),
    redis.hget(keys.meta(campaign), 'autoReplies'),
    redis.zcount(keys.sentAt(campaign), `(${now - DAY}`, '+inf'),
    redis.zrange(keys.due(campaign), '0', String(NEXT_LOOK - 1)),
    new Pacer(redis, keys, config.sender.email, config.pacing).state(now),
    redis.exists(keys.paused(campaign)),
  ]);
  const c = parseCounters(stats);
  // With the cap reached, the next slot opens when enough of the last 24 h's sends age out.
  const cap = config.pacing.dailyCap;
  const capFreeAt = pace.recent.length >= cap ? pace.recent[pace.recent.length - cap]! + DAY : 0;
  const paceAt = Math.max(pace.nextAt, capFreeAt);
  const raws = due.length ? await redis.hmget(keys.ledger(campaign), ...due) : [];
  const next = raws
    .filter((r): r is string => r !== null)
    .map((r) => JSON.parse(r) as LedgerEntry)
    .filter((e) => e.state === 'queued')
    .map((e) => ({ contactId: e.contactId, step: e.step, at: Math.max(e.dueAt ?? now, e.noPacing ? 0 : paceAt, now), noPacing: Boolean(e.noPacing) }))
    .sort((a, b) => a.at - b.at);
  const status: CampaignStatus = {
    campaign, contacts, ...c.state,
    replied: c.status.replied, bounced: c.status.bounced, softBounced: c.softBounced,
    autoReplies: Number(autoReplies ?? 0), optedOut: c.status.opted_out,
    sentToday, dailyCap: cap, nextSendAt: null,
    paused: paused === 1, nextSendTo: null, nextSendZone: null,
  };
  const first = next[0];
  if (first) {
    const contact = await new CampaignReader(redis, keys, campaign).get(first.contactId);
    const zone = contact?.row.timezone || config.pacing.defaultTimezone;
    // The sending window is read in the recipient's zone: the send waits for it to open.
    const at = first.noPacing ? first.at : nextWindowStart(first.at, zone, config.pacing);
    status.nextSendAt = new Date(at).toISOString();
    status.nextSendTo = contact?.email ?? null;
    status.nextSendZone = zone;
  }
  return { status, counters: c, next };
}

export async function campaignStatus(redis: Redis, keys: Keys, config: Config, campaign: string, now = Date.now()): Promise<CampaignStatus> {
  return (await statusParts(redis, keys, config, campaign, now)).status;
}
