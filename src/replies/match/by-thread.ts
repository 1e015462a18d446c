import type { Redis } from 'ioredis';
import { parseLedgerField } from '../../ledger/ledger-entry.js';
import type { Keys } from '../../store/keys.js';
import type { InboundMatch } from './types.js';

/**
 * The first of `ids` that is one of our Message-IDs, in any campaign. Our ids are recorded
 * at claim time (ledger CLAIM), so even an "uncertain" send is found.
 */
export async function matchByMessageIds(
  redis: Redis, keys: Keys, campaigns: string[], ids: string[], via: InboundMatch['via'],
): Promise<InboundMatch | null> {
  if (ids.length === 0 || campaigns.length === 0) return null;
  const pipe = redis.pipeline();
  for (const id of ids) for (const c of campaigns) pipe.hget(keys.messageIds(c), id);
  const results = (await pipe.exec()) ?? [];
  let i = 0;
  for (const _id of ids) {
    for (const campaign of campaigns) {
      const value = results[i++]?.[1];
      const parsed = typeof value === 'string' ? parseLedgerField(value) : null;
      if (parsed) return { campaign, ...parsed, via };
    }
  }
  return null;
}
