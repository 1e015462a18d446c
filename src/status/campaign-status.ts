import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { Ledger } from '../ledger/ledger.js';
import { Pacer } from '../pacing/pacer.js';
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
  /** Contacts whose message came back with a temporary failure (4.x.x) and is being retried. */
  softBounced: number;
  autoReplies: number;
  optedOut: number;
  sentToday: number;
  dailyCap: number;
  nextSendAt: string | null;
}

const DAY = 86_400_000;

/** Counts derived from the ledger and contact states on every call, so they can't drift. */
export async function campaignStatus(redis: Redis, keys: Keys, config: Config, campaign: string, now = Date.now()): Promise<CampaignStatus> {
  const ledger = new Ledger(redis, keys, campaign);
  await ledger.sweep(now); // a dead worker's "sending" shows as "uncertain" right away
  const [entries, contacts, statuses, autoReplies, pace] = await Promise.all([
    ledger.all(),
    redis.zcard(keys.order(campaign)),
    redis.hvals(keys.status(campaign)),
    redis.hget(keys.meta(campaign), 'autoReplies'),
    new Pacer(redis, keys, config.sender.email, config.pacing).state(now),
  ]);
  const s: CampaignStatus = {
    campaign, contacts, queued: 0, sending: 0, sent: 0, failed: 0, uncertain: 0, cancelled: 0,
    replied: statuses.filter((x) => x === 'replied').length,
    bounced: statuses.filter((x) => x === 'bounced').length,
    softBounced: 0,
    autoReplies: Number(autoReplies ?? 0),
    optedOut: statuses.filter((x) => x === 'opted_out').length,
    sentToday: 0, dailyCap: config.pacing.dailyCap, nextSendAt: null,
  };
  // With the cap reached, the next slot opens when enough of the last 24 h's sends age out.
  const cap = config.pacing.dailyCap;
  const capFreeAt = pace.recent.length >= cap ? pace.recent[pace.recent.length - cap]! + DAY : 0;
  const paceAt = Math.max(pace.nextAt, capFreeAt);
  let next = Infinity;
  for (const e of entries) {
    s[e.state]++;
    if (e.state === 'sent' && (e.sentAt ?? 0) > now - DAY) s.sentToday++;
    if (e.state === 'queued') next = Math.min(next, Math.max(e.dueAt ?? now, e.noPacing ? 0 : paceAt, now));
  }
  if (next !== Infinity) s.nextSendAt = new Date(next).toISOString();
  s.softBounced = await softBouncedCount(redis, keys, campaign, entries);
  return s;
}

/**
 * Contacts with a soft bounce on record (the `softBounce` field soft-bounce.ts puts on the ledger
 * entry) that did not bounce for good since.
 */
async function softBouncedCount(redis: Redis, keys: Keys, campaign: string, entries: Array<{ contactId: string }>): Promise<number> {
  const ids = new Set(entries.filter((e) => (e as { softBounce?: unknown }).softBounce !== undefined).map((e) => e.contactId));
  if (ids.size === 0) return 0;
  const st = await redis.hmget(keys.status(campaign), ...ids);
  return st.filter((x) => x !== 'bounced').length;
}
