// Imports one CSV into a throwaway campaign and prints the process's peak memory, so the
// figure is the import's alone (run in its own process by bench.ts).
import { Redis } from 'ioredis';
import { importRows } from '../src/campaign/contacts-store.js';
import { readContactsCsv } from '../src/sources/csv-contacts.js';
import { Keys } from '../src/store/keys.js';

const [file, prefix] = process.argv.slice(2) as [string, string];
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const t0 = performance.now();
const r = await importRows(redis, new Keys(prefix, 'bench@example.org'), 'bench', file, readContactsCsv(file));
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(`${JSON.stringify({ imported: r.imported, seconds, peakMb: process.resourceUsage().maxRSS / 1024 })}\n`);
redis.disconnect();
