import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { Ledger } from '../ledger/ledger.js';
import { CampaignReader } from '../campaign/campaign-reader.js';
import { Pacer } from '../pacing/pacer.js';
import { nextWindowStart } from '../pacing/send-window.js';
import type { Keys } from '../store/keys.js';

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

/** Counts derived from the ledger and contact states on every call, so they can't drift. */
export async function campaignStatus(redis: Redis, keys: Keys, config: Config, campaign: string, now = Date.now()): Promise<CampaignStatus> {
  const ledger = new Ledger(redis, keys, campaign);
  await ledger.sweep(now); // a dead worker's "sending" shows as "uncertain" right away
  const [entries, contacts, statuses, autoReplies, pace, paused] = await Promise.all([
    ledger.all(),
    redis.zcard(keys.order(campaign)),
    redis.hvals(keys.status(campaign)),
    redis.hget(keys.meta(campaign), 'autoReplies'),
    new Pacer(redis, keys, config.sender.email, config.pacing).state(now),
    redis.exists(keys.paused(campaign)),
  ]);
  const s: CampaignStatus = {
    campaign, contacts, queued: 0, sending: 0, sent: 0, failed: 0, uncertain: 0, cancelled: 0,
    replied: statuses.filter((x) => x === 'replied').length,
    bounced: statuses.filter((x) => x === 'bounced').length,
    autoReplies: Number(autoReplies ?? 0),
    optedOut: statuses.filter((x) => x === 'opted_out').length,
    sentToday: 0, dailyCap: config.pacing.dailyCap, nextSendAt: null,
    paused: paused === 1, nextSendTo: null, nextSendZone: null,
  };
  // With the cap reached, the next slot opens when enough of the last 24 h's sends age out.
  const cap = config.pacing.dailyCap;
  const capFreeAt = pace.recent.length >= cap ? pace.recent[pace.recent.length - cap]! + DAY : 0;
  const paceAt = Math.max(pace.nextAt, capFreeAt);
  let next = Infinity;
  let nextId: string | null = null;
  for (const e of entries) {
    s[e.state]++;
    if (e.state === 'sent' && (e.sentAt ?? 0) > now - DAY) s.sentToday++;
    if (e.state === 'queued') {
      const at = Math.max(e.dueAt ?? now, e.noPacing ? 0 : paceAt, now);
      if (at < next) [next, nextId] = [at, e.contactId];
    }
  }
  if (next !== Infinity && nextId) {
    const contact = await new CampaignReader(redis, keys, campaign).get(nextId);
    const zone = contact?.row.timezone ?? config.pacing.defaultTimezone;
    // The sending window is read in the recipient's zone: the send waits for it to open.
    if (contact && !(entries.find((e) => e.contactId === nextId && e.state === 'queued')?.noPacing)) next = nextWindowStart(next, zone, config.pacing);
    s.nextSendAt = new Date(next).toISOString();
    s.nextSendTo = contact?.email ?? null;
    s.nextSendZone = zone;
  }
  return s;
}
