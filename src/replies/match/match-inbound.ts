import type { Redis } from 'ioredis';
import type { Classification } from '../classify/index.js';
import type { Keys } from '../../store/keys.js';
import { matchByOurHeaders } from './by-headers.js';
import { matchBySender } from './by-sender.js';
import { matchByMessageIds } from './by-thread.js';
import { threadIds } from './message-ids.js';
import type { InboundMatch } from './types.js';

/**
 * Which send a classified inbound message belongs to, trying in order:
 * In-Reply-To/References → our X-Outreach-* headers (and a bounce's quoted Message-ID) →
 * sender + subject. null: not ours, and it is left alone.
 */
export async function matchInbound(redis: Redis, keys: Keys, c: Classification, campaigns?: string[]): Promise<InboundMatch | null> {
  const names = campaigns ?? (await redis.smembers(keys.campaigns())).sort();
  return (
    (await matchByMessageIds(redis, keys, names, threadIds(c.inReplyTo, c.references), 'thread')) ??
    (await matchByOurHeaders(redis, keys, names, c)) ??
    (await matchBySender(redis, keys, names, c))
  );
}
