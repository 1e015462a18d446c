import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { SendQueue } from '../queue/send-queue.js';
import type { Keys } from '../store/keys.js';
import { classifyMessage, type Classification } from './classify/index.js';
import { applyInbound } from './effects.js';
import { RedisCursorStore, syncMailbox, type ImapMessage } from './imap/index.js';
import { matchInbound } from './match/index.js';

export interface SyncRepliesOptions {
  redis: Redis;
  keys: Keys;
  config: Pick<Config, 'sender' | 'retry' | 'imap'>;
  /** Defaults to config.imap.url (IMAP_URL). */
  url?: string;
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
  /** Matched, but processed before (a re-scan after a UIDVALIDITY change). */
  duplicates: number;
  /** Could not be parsed; skipped so one broken message cannot stall the mailbox. */
  unreadable: number;
  uidValidityReset: boolean;
}

/**
 * The inbound message's identity for "processed once": its Message-ID, or a digest of its
 * bytes when it has none (some bounce generators omit it).
 */
export function inboundId(c: Classification | null, msg: ImapMessage): string {
  const id = c?.messageId ?? msg.messageId;
  return id ? id.trim() : `sha256:${createHash('sha256').update(msg.source).digest('hex').slice(0, 32)}`;
}

/** One pass over the mailbox: fetch what is new, classify, match, apply (issue 3, item 3). */
export async function syncReplies(o: SyncRepliesOptions): Promise<SyncCounts> {
  const url = o.url ?? o.config.imap.url;
  if (!url) throw new Error('syncReplies: no IMAP URL (set IMAP_URL or imap.url)');
  const log = o.log ?? (() => undefined);
  const counts: SyncCounts = {
    fetched: 0, matched: 0, replies: 0, autoReplies: 0, bounces: 0, optOuts: 0, unmatched: 0, duplicates: 0, unreadable: 0, uidValidityReset: false,
  };
  const queue = new SendQueue(o.redis, o.keys, o.config.sender.email, o.config.retry);
  const deps = { redis: o.redis, keys: o.keys, queue, now: o.now, softBounceDelayMs: o.softBounceDelayMs };
  try {
    const res = await syncMailbox({
      url,
      cursors: new RedisCursorStore(o.redis, o.keys.prefix),
      logger: log,
      signal: o.signal,
      handle: async (msg) => {
        let c: Classification;
        try {
          c = await classifyMessage(msg.source, o.now ? { now: new Date(o.now()) } : {});
        } catch (err) {
          counts.unreadable++;
          log(`replies: UID ${msg.uid} could not be parsed (${(err as Error).message}); skipped`);
          return;
        }
        const m = await matchInbound(o.redis, o.keys, c);
        if (!m) {
          counts.unmatched++;
          return;
        }
        counts.matched++;
        const r = await applyInbound(deps, c, m, inboundId(c, msg));
        if (r.effect === 'duplicate') counts.duplicates++;
        else if (r.effect === 'replied') counts.replies++;
        else if (r.effect === 'opted_out') counts.optOuts++;
        else if (r.effect === 'auto_reply') counts.autoReplies++;
        else if (r.effect === 'bounced' || r.effect === 'soft_bounce') counts.bounces++;
        if (r.effect !== 'duplicate' && r.effect !== 'other')
          log(`replies: ${r.effect} from ${m.campaign}/${m.contactId} step ${m.step} (via ${m.via})${r.cancelled ? `; ${r.cancelled} follow-up(s) cancelled` : ''}`);
      },
    });
    counts.fetched = res.fetched;
    counts.uidValidityReset = res.uidValidityReset;
  } finally {
    await queue.close();
  }
  return counts;
}
