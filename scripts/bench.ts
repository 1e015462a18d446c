// npm run bench [-- --quick]: figures printed, then one JSON line with all of them (CLI-CONTRACT.md).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { Redis } from 'ioredis';
import { initProject } from '../src/cli/commands/init.js';
import { importRows } from '../src/campaign/contacts-store.js';
import { pendingContacts, queueCampaign } from '../src/queue/queue-campaign.js';
import { loadProfile, loadProject } from '../src/config/load.js';
import { SendQueue } from '../src/queue/send-queue.js';
import { MessageRenderer } from '../src/render/message-renderer.js';
import { readContactsCsv } from '../src/sources/csv-contacts.js';
import { Keys } from '../src/store/keys.js';
import { runSendWorker } from '../src/send/run-send-worker.js';
import { benchCli } from './bench-cli.js';
import { csv, deleteKeys, median } from './bench-util.js';
import { benchPubmed } from './bench-pubmed.js';
import { benchDashboard } from './bench-dashboard.js';

const quick = process.argv.includes('--quick');
/** `--only pipeline,pubmed`: run just these parts (cli, pipeline, import, pubmed, dashboard). */
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? (process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined);
const only = onlyArg ? new Set(onlyArg.split(',')) : undefined;
const part = (name: string) => !only || only.has(name);
const sizeArg = process.argv.find((a) => a.startsWith('--messages='));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const here = import.meta.dirname;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'outreach-bench-'));
const figures: Record<string, number> = {};
const say = (s: string) => process.stdout.write(`${s}\n`);

async function startSink() {
  const child = spawn(process.execPath, [path.join(here, 'bench-smtp-sink.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    lines.push(...d.trim().split('\n'));
    wake?.();
  });
  const next = async () => {
    while (lines.length === 0) await new Promise<void>((r) => (wake = r));
    return lines.shift()!;
  };
  const port = Number(await next());
  return {
    url: `smtp://127.0.0.1:${port}`, port,
    count: async () => { child.stdin.write('count\n'); return Number(await next()); },
    stop: () => child.stdin.end(),
  };
}

async function cleanup(prefix: string) {
  const r = new Redis(REDIS_URL);
  await deleteKeys(r, prefix);
  r.disconnect();
}

/** The same messages through nodemailer alone, with the pool the pipeline had. */
async function rawPool(url: string, n: number, text: string, pool: { maxConnections: number; maxMessages: number }): Promise<number> {
  const u = new URL(url);
  const t = nodemailer.createTransport({ pool: true, host: u.hostname, port: Number(u.port), ...pool, ignoreTLS: true } as never);
  const t0 = performance.now();
  let i = 0;
  await Promise.all(Array.from({ length: pool.maxConnections }, async () => {
    while (i < n) {
      const k = i++;
      await t.sendMail({ from: 'Applicant <applicant@example.com>', to: `mentor${k}@example.org`, subject: 'Prospective IMG collaborator interested in neuro radiology research', text });
    }
  }));
  const rate = n / ((performance.now() - t0) / 1000);
  t.close();
  return rate;
}

async function pipeline(url: string, n: number, round: number): Promise<{ rate: number; text: string; pool: { maxConnections: number; maxMessages: number } }> {
  const dir = path.join(tmp, `project-${round}`);
  initProject(dir);
  const prefix = `bench-${process.pid}-${round}`;
  const cfg = JSON.parse(readFileSync(path.join(dir, 'outreach.config.json'), 'utf8'));
  // The shipped worker concurrency and SMTP pool (BENCH_CONCURRENCY=N to try another).
  const worker = process.env.BENCH_CONCURRENCY ? { worker: { concurrency: Number(process.env.BENCH_CONCURRENCY) } } : {};
  writeFileSync(path.join(dir, 'outreach.config.json'), JSON.stringify({ ...cfg, followups: [], ...worker }));
  const project = loadProject(dir, { ...process.env, REDIS_URL, OUTREACH_PREFIX: prefix, SMTP_URL: url });
  const profile = loadProfile(project);
  const file = path.join(tmp, `pipeline-${round}.csv`);
  await csv(file, n);
  const redis = new Redis(REDIS_URL);
  const keys = new Keys(prefix, project.config.sender.email);
  const renderer = MessageRenderer.load(project, profile);
  const t0 = performance.now();
  await importRows(redis, keys, 'bench', file, readContactsCsv(file));
  const contacts = await pendingContacts(redis, keys, 'bench');
  const queue = new SendQueue(redis, keys, project.config.sender.email, project.config.retry);
  await queueCampaign({ redis, keys, config: project.config, renderer, queue }, 'bench', { contacts, noPacing: true });
  const w = await runSendWorker(project, profile, { drain: true, log: () => {} });
  await w.done;
  const rate = n / ((performance.now() - t0) / 1000);
  const text = renderer.renderText(contacts[0]!, 0).text;
  await queue.close();
  redis.disconnect();
  await cleanup(prefix);
  return { rate, text, pool: project.config.transport.pool };
}

try {
  if (part('cli')) Object.assign(figures, await benchCli({ quick, tmp, redisUrl: REDIS_URL }));
  const n = sizeArg ? Number(sizeArg.slice(11)) : quick ? 500 : 5000;
  if (part('pipeline')) {
    // Both sides run in turns, `rounds` times each, and each side's median is compared: one
    // run of either moves by a few per cent on this 2-core machine.
    const rounds = quick ? 1 : 3;
    const sink = await startSink();
    const before = await sink.count();
    const rates: number[] = [];
    const raws: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const { rate, text, pool } = await pipeline(sink.url, n, r);
      rates.push(rate);
      raws.push(await rawPool(sink.url, n, text, pool));
      say(`  round ${r + 1}: pipeline ${Math.round(rate)} msg/s, raw ${Math.round(raws[r]!)} msg/s`);
    }
    const delivered = (await sink.count()) - before;
    sink.stop();
    figures.pipeline_msgs_per_s = Math.round(median(rates));
    figures.raw_pool_msgs_per_s = Math.round(median(raws));
    figures.pipeline_ratio = Number((median(rates) / median(raws)).toFixed(3));
    say(`pipeline (import → queue → worker → SMTP on loopback, ${n} contacts, pacing off, median of ${rounds}): ${figures.pipeline_msgs_per_s} msg/s (${delivered} delivered in all)`);
    say(`raw pooled nodemailer to the same server, median of ${rounds}:                                ${figures.raw_pool_msgs_per_s} msg/s`);
    say(`ratio: ${figures.pipeline_ratio} (goal ≥ 0.8)`);
  }
  if (part('import')) {
    const rows = quick ? 10_000 : 100_000;
    const big = path.join(tmp, 'big.csv');
    await csv(big, rows);
    const prefix = `bench-import-${process.pid}`;
    const child = spawnSync(process.execPath, [path.join(here, 'bench-import-child.js'), big, prefix], { encoding: 'utf8', env: { ...process.env, REDIS_URL } });
    await cleanup(prefix);
    const imp = JSON.parse(child.stdout.trim().split('\n').pop()!);
    figures[quick ? 'import_10k_peak_mb' : 'import_100k_peak_mb'] = Math.round(imp.peakMb);
    figures[quick ? 'import_10k_rows_per_s' : 'import_100k_rows_per_s'] = Math.round(rows / imp.seconds);
    say(`import of ${rows} rows: peak ${Math.round(imp.peakMb)} MB (goal < 250 MB), ${Math.round(rows / imp.seconds)} rows/s`);
  }
  if (part('pubmed')) Object.assign(figures, await benchPubmed({ quick }));
  if (part('dashboard')) Object.assign(figures, await benchDashboard({ quick, redisUrl: REDIS_URL, tmp }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
say(JSON.stringify(figures));
