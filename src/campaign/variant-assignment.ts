import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';
import { runScript } from '../store/run-script.js';
import type { StoredContact } from './stored-contact.js';

// Gives each contact without one the variant at its import position: round-robin in import
// order, so the counts differ by at most one. HSETNX: once stored, it never changes, across
// runs, re-imports and later edits of the variant list.
const ASSIGN = `
local names = cjson.decode(ARGV[1])
local out = {}
for i = 2, #ARGV do
  local id = ARGV[i]
  local seq = tonumber(redis.call('ZSCORE', KEYS[2], id) or '0')
  if seq > 0 then redis.call('HSETNX', KEYS[1], id, names[((seq - 1) % #names) + 1]) end
  out[#out + 1] = redis.call('HGET', KEYS[1], id) or ''
end
return out`;

/** Assigns (once) and returns the contacts with their variant set. */
export async function assignVariants(redis: Redis, keys: Keys, campaign: string, contacts: StoredContact[], names: string[]): Promise<StoredContact[]> {
  if (names.length === 0 || contacts.length === 0) return contacts;
  const out: StoredContact[] = [];
  for (let i = 0; i < contacts.length; i += 1000) {
    const part = contacts.slice(i, i + 1000);
    const got = (await runScript(redis, ASSIGN, 2, keys.variants(campaign), keys.order(campaign), JSON.stringify(names), ...part.map((c) => c.id))) as string[];
    part.forEach((c, k) => out.push(got[k] ? { ...c, variant: got[k] } : c));
  }
  return out;
}
