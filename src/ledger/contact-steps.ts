import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';
import { ledgerField, type LedgerEntry } from './ledger-entry.js';

/** The first email plus at most 5 follow-ups (config schema: followups.max(5)). */
export const MAX_STEPS = 6;

/** A contact's ledger entries by step, read in one HMGET. */
export async function contactEntries(redis: Redis, keys: Keys, campaign: string, contactId: string): Promise<LedgerEntry[]> {
  const fields = Array.from({ length: MAX_STEPS }, (_, s) => ledgerField(contactId, s));
  const raws = await redis.hmget(keys.ledger(campaign), ...fields);
  return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as LedgerEntry);
}

/**
 * The step an answer most likely refers to when the message itself does not say: the latest
 * one that went out (or may have: uncertain), else null when nothing was ever sent.
 */
export function latestSentStep(entries: LedgerEntry[]): number | null {
  const out = entries.filter((e) => e.state === 'sent' || e.state === 'uncertain').map((e) => e.step);
  return out.length ? Math.max(...out) : null;
}
