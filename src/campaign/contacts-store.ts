import type { Redis } from 'ioredis';
import type { RowResult } from '../contacts/contact.js';
import type { Keys } from '../store/keys.js';
import { MAX_STEPS } from '../ledger/contact-steps.js';
import { contactId } from './contact-id.js';
import type { StoredContact } from './stored-contact.js';
import { runScript } from '../store/run-script.js';

export interface ImportReport {
  imported: number;
  /** Rows already in the campaign whose values changed, nothing having been sent to them yet: updated. */
  updated: number;
  /** Rows already in the campaign (same email, any case) left as they were, and listed in `skipped` too. */
  existing: number;
  skipped: { line: number; field: string; reason: string }[];
}

// Adds a batch of contacts atomically: an email is claimed and its contact written in one
// step, so a crash mid-import can never leave an email marked as imported without its row.
const ADD_BATCH = `
-- Returns, per row, '' when it was added, else the contact JSON already stored.
local added = {}
for i = 1, #ARGV, 3 do
  local email, id, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if redis.call('HSETNX', KEYS[1], email, id) == 1 then
    redis.call('HSET', KEYS[2], id, json)
    redis.call('ZADD', KEYS[3], redis.call('ZCARD', KEYS[3]) + 1, id)
    redis.call('HSETNX', KEYS[4], id, 'active')
    added[#added + 1] = ''
  else
    added[#added + 1] = redis.call('HGET', KEYS[2], redis.call('HGET', KEYS[1], email)) or ''
  end
end
return added`;

// Lua: has something been (or may have been) sent to this contact, at any step? Its ledger
// entry for a step says sent, sending or uncertain. Shared by UPDATE_BATCH and REMOVE.
const WRITTEN_TO = `
local function written_to(ledger, id, steps)
  for s = 0, steps - 1 do
    local raw = redis.call('HGET', ledger, id .. ':' .. s)
    if raw then
      local st = cjson.decode(raw).state
      if st == 'sent' or st == 'sending' or st == 'uncertain' then return true end
    end
  end
  return false
end`;

// Replaces changed contacts, unless something has (or may have) been sent to them: the
// ledger is read in the same atomic step, so a worker cannot send between check and write.
// KEYS: contacts, ledger. ARGV: steps, then id, json pairs. Returns 1 (updated) / 0 per contact.
const UPDATE_BATCH = `${WRITTEN_TO}
local out = {}
local steps = tonumber(ARGV[1])
for i = 2, #ARGV, 2 do
  local id, json = ARGV[i], ARGV[i + 1]
  if written_to(KEYS[2], id, steps) then out[#out + 1] = 0 else
    redis.call('HSET', KEYS[1], id, json)
    out[#out + 1] = 1
  end
end
return out`;

/** The first column whose value differs between two rows, or null when they are the same. */
function changedField(a: Record<string, unknown>, b: Record<string, unknown>): string | null {
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (a[k] !== b[k]) return k;
  return null;
}

const BATCH = 500;
/** The reason given for a row whose email the campaign already has (any case), unchanged. */
export const ALREADY = 'already in the campaign';
/** The reason given for a changed row whose contact was already written to. */
export const WRITTEN = 'already written to, so left as it was (outreach contacts show)';

export async function importRows(
  redis: Redis,
  keys: Keys,
  campaign: string,
  file: string,
  rows: AsyncIterable<RowResult>,
  onProgress?: (rowsSeen: number) => void,
): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, updated: 0, existing: 0, skipped: [] };
  const firstLine = new Map<string, number>(); // lowercase email → line, for duplicates within the file
  let batch: (StoredContact & { line: number })[] = [];
  let seen = 0;

  // The campaign is registered with its first valid row, so an import that fails (unreadable
  // file, bad header, no valid row) leaves no empty campaign behind.
  let registered = false;
  const flush = async () => {
    if (batch.length === 0) return;
    if (!registered) {
      await redis.sadd(keys.campaigns(), campaign);
      await redis.hsetnx(keys.meta(campaign), 'createdAt', new Date().toISOString());
      registered = true;
    }
    const args = batch.flatMap(({ line: _line, ...c }) => [c.email.toLowerCase(), c.id, JSON.stringify(c)]);
    const stored = (await runScript(redis,
      ADD_BATCH, 4, keys.emails(campaign), keys.contacts(campaign), keys.order(campaign), keys.status(campaign), ...args,
    )) as string[];
    const changed: { c: StoredContact & { line: number }; field: string }[] = [];
    stored.forEach((old, i) => {
      const c = batch[i]!;
      if (old === '') return void report.imported++;
      const prev = JSON.parse(old) as StoredContact;
      const field = changedField(prev.row, c.row);
      if (field === null) {
        report.existing++;
        report.skipped.push({ line: c.line, field: 'email', reason: ALREADY });
      } else changed.push({ c: { ...c, id: prev.id }, field });
    });
    if (changed.length > 0) {
      const upd = changed.flatMap(({ c: { line: _line, ...c } }) => [c.id, JSON.stringify(c)]);
      const done = (await runScript(redis, UPDATE_BATCH, 2, keys.contacts(campaign), keys.ledger(campaign), String(MAX_STEPS), ...upd)) as number[];
      done.forEach((d, i) => {
        if (d === 1) return void report.updated++;
        report.existing++;
        report.skipped.push({ line: changed[i]!.c.line, field: changed[i]!.field, reason: WRITTEN });
      });
    }
    batch = [];
  };

  for await (const r of rows) {
    seen++;
    if (!r.ok) {
      report.skipped.push({ line: r.line, field: r.field, reason: r.reason });
      continue;
    }
    const lower = r.row.email.toLowerCase();
    const dup = firstLine.get(lower);
    if (dup !== undefined) {
      report.skipped.push({ line: r.line, field: 'email', reason: `duplicate of line ${dup}` });
      continue;
    }
    firstLine.set(lower, r.line);
    batch.push({ id: contactId(campaign, lower), email: r.row.email, row: r.row, source: `${file}:${r.line}`, line: r.line });
    if (batch.length >= BATCH) {
      await flush();
      onProgress?.(seen);
    }
  }
  await flush();
  onProgress?.(seen);
  return report;
}

// Takes a contact out of a campaign, unless something has (or may have) been sent to it;
// its ledger entries (queued, failed, cancelled) go too, so the campaign is as if it had
// never been imported. KEYS: emails, contacts, order, status, ledger, hold.
// ARGV: lowercase email, id, steps. Returns 1 (removed), 0 (written to) or -1 (absent).
const REMOVE = `${WRITTEN_TO}
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return -1 end
local steps = tonumber(ARGV[3])
if written_to(KEYS[5], ARGV[2], steps) then return 0 end
for s = 0, steps - 1 do redis.call('HDEL', KEYS[5], ARGV[2] .. ':' .. s) end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[2])
redis.call('ZREM', KEYS[3], ARGV[2])
redis.call('HDEL', KEYS[4], ARGV[2])
redis.call('HDEL', KEYS[6], ARGV[2])
return 1`;

/** `outreach contacts remove`: 'removed', 'written' (something was sent: kept) or 'absent'. */
export async function removeContact(redis: Redis, keys: Keys, campaign: string, contact: StoredContact): Promise<'removed' | 'written' | 'absent'> {
  const r = (await runScript(redis,
    REMOVE, 6, keys.emails(campaign), keys.contacts(campaign), keys.order(campaign), keys.status(campaign), keys.ledger(campaign), keys.holdUntil(campaign),
    contact.email.toLowerCase(), contact.id, String(MAX_STEPS),
  )) as number;
  return r === 1 ? 'removed' : r === 0 ? 'written' : 'absent';
}
