import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { SendQueue } from '../queue/send-queue.js';
import type { Keys } from '../store/keys.js';
import type { MailboxSource } from './mailbox-source.js';
import { processInbound } from './process-inbound.js';

export interface SyncRepliesOptions {
  redis: Redis;
  keys: Keys;
  config: Pick<Config, 'sender' | 'retry'>;
  source: MailboxSource;
  log?: (line: string) => void;
  signal?: AbortSignal;
  now?: () => number;
  softBounceDelayMs?: number;
}

/** What one pass did; `replies` excludes opt-outs, which are counted on their own. */
export interface SyncCounts {
  fetched: number;
  matched: number;
  replies: number;
  autoReplies: number;
  bounces: number;
  optOuts: number;
  unmatched: number;
  /** Matched, but processed before (a re-scan after the cursor was reset). */
  duplicates: number;
  /** Could not be parsed; skipped so one broken message cannot stall the mailbox. */
  unreadable: number;
  /** The source's cursor was void (IMAP UIDVALIDITY changed; Gmail history expired). */
  uidValidityReset: boolean;
}

/** One pass over a mailbox source: fetch what is new, then processInbound each message. */
export async function syncReplies(o: SyncRepliesOptions): Promise<SyncCounts> {
  const log = o.log ?? (() => undefined);
  const counts: SyncCounts = {
    fetched: 0, matched: 0, replies: 0, autoReplies: 0, bounces: 0, optOuts: 0, unmatched: 0, duplicates: 0, unreadable: 0, uidValidityReset: false,
  };
  const queue = new SendQueue(o.redis, o.keys, o.config.sender.email, o.config.retry);
  const deps = { redis: o.redis, keys: o.keys, queue, now: o.now, softBounceDelayMs: o.softBounceDelayMs };
  try {
    const res = await o.source.pull(async (msg) => {
      const r = await processInbound(deps, msg);
      if (r.outcome === 'unreadable') {
        counts.unreadable++;
        log(`replies: ${msg.position} could not be parsed (${r.error}); skipped`);
        return;
      }
      if (r.outcome === 'unmatched') return void counts.unmatched++;
      counts.matched++;
      const { result, match: m } = r;
      if (result.effect === 'duplicate') counts.duplicates++;
      else if (result.effect === 'replied') counts.replies++;
      else if (result.effect === 'opted_out') counts.optOuts++;
      else if (result.effect === 'auto_reply') counts.autoReplies++;
      else if (result.effect === 'bounced' || result.effect === 'soft_bounce') counts.bounces++;
      if (result.effect !== 'duplicate' && result.effect !== 'other')
        log(`replies: ${result.effect} from ${m.campaign}/${m.contactId} step ${m.step} (via ${m.via})${result.cancelled ? `; ${result.cancelled} follow-up(s) cancelled` : ''}`);
    }, { log, signal: o.signal });
    counts.fetched = res.fetched;
    counts.uidValidityReset = res.reset;
  } finally {
    await queue.close();
  }
  return counts;
}
