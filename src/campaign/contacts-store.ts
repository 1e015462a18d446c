import type { Redis } from 'ioredis';
import type { RowResult } from '../contacts/contact.js';
import type { Keys } from '../store/keys.js';
import { contactId } from './contact-id.js';
import type { StoredContact } from './stored-contact.js';
import { runScript } from '../store/run-script.js';

export interface ImportReport {
  imported: number;
  /** Rows already in the campaign (same email, any case): left as they were, and listed in `skipped` too. */
  existing: number;
  skipped: { line: number; field: string; reason: string }[];
}

// Adds a batch of contacts atomically: an email is claimed and its contact written in one
// step, so a crash mid-import can never leave an email marked as imported without its row.
const ADD_BATCH = `
local added = {}
for i = 1, #ARGV, 3 do
  local email, id, json = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  if redis.call('HSETNX', KEYS[1], email, id) == 1 then
    redis.call('HSET', KEYS[2], id, json)
    redis.call('ZADD', KEYS[3], redis.call('ZCARD', KEYS[3]) + 1, id)
    redis.call('HSETNX', KEYS[4], id, 'active')
    added[#added + 1] = 1
  else
    added[#added + 1] = 0
  end
end
return added`;

const BATCH = 500;
/** The reason given for a row whose email the campaign already has (any case). */
export const ALREADY = 'already in the campaign';

export async function importRows(
  redis: Redis,
  keys: Keys,
  campaign: string,
  file: string,
  rows: AsyncIterable<RowResult>,
  onProgress?: (rowsSeen: number) => void,
): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, existing: 0, skipped: [] };
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
    const added = (await runScript(redis,
      ADD_BATCH, 4, keys.emails(campaign), keys.contacts(campaign), keys.order(campaign), keys.status(campaign), ...args,
    )) as number[];
    added.forEach((a, i) => {
      if (a === 1) return void report.imported++;
      report.existing++;
      report.skipped.push({ line: batch[i]!.line, field: 'email', reason: ALREADY });
    });
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
