import type { Redis } from 'ioredis';
import { ledgerField, type LedgerEntry } from '../ledger/ledger-entry.js';
import type { Keys } from '../store/keys.js';

/** A first email in one of these states has gone, or will go, to the person. */
const WRITTEN = new Set(['queued', 'sending', 'sent', 'uncertain']);

/** The campaign's sender is recorded when it first queues, so repeats are found per sender. */
export async function recordCampaignSender(redis: Redis, keys: Keys, campaign: string, sender: string): Promise<void> {
  await redis.hset(keys.meta(campaign), 'sender', sender.toLowerCase());
}

/**
 * One person, one first email from a sender, across campaigns: for each address, the other
 * campaign whose first email to it was sent or is queued, from the same sender (a campaign
 * that never recorded its sender counts as the same sender, to be safe).
 */
export async function firstEmailsElsewhere(redis: Redis, keys: Keys, campaign: string, sender: string, emails: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const lower = emails.map((e) => e.toLowerCase());
  if (lower.length === 0) return found;
  for (const other of (await redis.smembers(keys.campaigns())).sort()) {
    if (other === campaign) continue;
    const theirs = await redis.hget(keys.meta(other), 'sender');
    if (theirs && theirs !== sender.toLowerCase()) continue;
    for (let i = 0; i < lower.length; i += 1000) {
      const chunk = lower.slice(i, i + 1000).filter((e) => !found.has(e));
      if (chunk.length === 0) continue;
      const ids = await redis.hmget(keys.emails(other), ...chunk);
      const hits = chunk.map((e, k) => [e, ids[k]] as const).filter((x): x is readonly [string, string] => x[1] !== null);
      if (hits.length === 0) continue;
      const raws = await redis.hmget(keys.ledger(other), ...hits.map(([, id]) => ledgerField(id, 0)));
      hits.forEach(([e], k) => {
        const raw = raws[k];
        if (raw && WRITTEN.has((JSON.parse(raw) as LedgerEntry).state)) found.set(e, other);
      });
    }
  }
  return found;
}
