// Helpers shared by the `npm run bench` parts (bench.ts, bench-cli.ts, bench-dashboard.ts).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Redis } from 'ioredis';

/** What varies between the contacts of a benchmark CSV; the rest is the same on every row. */
export interface CsvColumns {
  institution(i: number): string;
  topic(i: number): string;
}

const PLAIN: CsvColumns = { institution: () => 'Example University', topic: () => 'neuro' };

/** A contacts CSV of n rows (mentor0@example.org onward), streamed to `file`. */
export async function csv(file: string, n: number, columns: CsvColumns = PLAIN): Promise<void> {
  const out = createWriteStream(file);
  out.write('first_name,last_name,email,institution,topic,timezone\n');
  for (let i = 0; i < n; i++) out.write(`First${i},Last${i},mentor${i}@example.org,${columns.institution(i)},${columns.topic(i)},America/New_York\n`);
  out.end();
  await once(out, 'finish');
}

/** Deletes every key under `prefix`, a SCAN page at a time (no KEYS: it blocks Redis). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (found.length) await redis.del(...found);
  } while (cursor !== '0');
}

/** The middle value (the upper one of the two middles for an even count); `xs` is not reordered. */
export function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
