import type { Redis } from 'ioredis';
import { CampaignReader } from '../campaign/campaign-reader.js';
import type { StoredContact } from '../campaign/stored-contact.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import type { Keys } from '../store/keys.js';
import { runScript } from '../store/run-script.js';

/**
 * KEYS: contacts, variants, ledger, pace (this sender's), paused. ARGV: contactId, step.
 * Returns {contact JSON, variant, sender's holdUntil, paused (0/1), entry of step 0 .. entry of step}.
 * Read-only: nothing here decides; the claim re-checks everything that matters atomically.
 */
const READ = `
local out = {
  redis.call('HGET', KEYS[1], ARGV[1]) or '',
  redis.call('HGET', KEYS[2], ARGV[1]) or '',
  redis.call('HGET', KEYS[4], 'holdUntil') or '0',
  redis.call('EXISTS', KEYS[5]),
}
for s = 0, tonumber(ARGV[2]) do out[#out + 1] = redis.call('HGET', KEYS[3], ARGV[1] .. ':' .. s) or '' end
return out`;

/** Everything the send processor reads before it renders, as of one moment. */
export interface SendView {
  contact: StoredContact | null;
  /** The entry of the step being sent. */
  entry: LedgerEntry | null;
  /** The entries of the earlier steps, step 0 first (null where missing): a follow-up quotes them. */
  earlier: (LedgerEntry | null)[];
  /** When this sender's provider back-off ends (0: none). */
  heldUntil: number;
  paused: boolean;
}

/**
 * One round trip instead of one per key: the contact, its variant, the ledger entries of this
 * and the earlier steps, the sender's back-off and the campaign's pause flag (ARCHITECTURE.md,
 * "Data flow", step 5).
 */
export async function readSendView(redis: Redis, keys: Keys, campaign: string, contactId: string, step: number): Promise<SendView> {
  const r = (await runScript(redis, READ, 5,
    keys.contacts(campaign), keys.variants(campaign), keys.ledger(campaign), keys.pace(keys.sender), keys.paused(campaign),
    contactId, String(step),
  )) as [string, string, string, number, ...string[]];
  const entries = r.slice(4).map((raw) => (raw ? (JSON.parse(raw as string) as LedgerEntry) : null));
  return {
    contact: r[0] ? CampaignReader.parse(r[0], r[1] || null) : null,
    entry: entries[step] ?? null,
    earlier: entries.slice(0, step),
    heldUntil: Number(r[2]) || 0,
    paused: r[3] === 1,
  };
}
