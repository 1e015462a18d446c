import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/commands/init.js';
import { Keys } from '../../src/store/keys.js';
import { CLI, contactsCsv, exited, OPEN_PACING } from '../helpers/project.js';
import { RedisCluster } from '../helpers/redis-cluster.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

const SENDER = 'applicant@example.com';

// Scale-out on a real 3-master Redis Cluster: every script touches one hash slot (the
// sender's), or Redis would refuse it with CROSSSLOT. Three worker processes at once must
// still send each message once, and share one daily cap.
describe('Redis Cluster', () => {
  const cluster = new RedisCluster();
  let client: Cluster;
  const dirs: string[] = [];
  beforeAll(async () => {
    await cluster.start(3);
    client = cluster.client();
  }, 60_000);
  afterAll(async () => {
    client?.disconnect();
    await cluster.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  function project(prefix: string, smtpUrl: string, pacing: object) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'outreach-cluster-p-'));
    dirs.push(dir);
    initProject(dir);
    const file = path.join(dir, 'outreach.config.json');
    const cfg = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...cfg, followups: [], pacing, retry: { attempts: 4, backoffSeconds: 0.2 }, worker: { concurrency: 4, heartbeatSeconds: 0.5, lockSeconds: 5 } }));
    const env = { PATH: process.env.PATH ?? '', REDIS_URL: cluster.url, OUTREACH_PREFIX: prefix, SMTP_URL: smtpUrl };
    const cli = (args: string[]) => spawnSync(process.execPath, [CLI, '--dir', dir, ...args], { env, encoding: 'utf8', cwd: dir });
    const workers = async (n: number) => {
      const procs = Array.from({ length: n }, () => spawn(process.execPath, [CLI, '--dir', dir, 'worker', '--drain'], { env, stdio: ['ignore', 'ignore', 'pipe'] }));
      const errs = procs.map((p) => { let e = ''; p.stderr!.on('data', (b: Buffer) => (e += b.toString())); return () => e; });
      const codes = await Promise.all(procs.map((p) => exited(p)));
      return { codes, stderr: errs.map((e) => e()).join('') };
    };
    return { dir, cli, workers, keys: new Keys(prefix, SENDER) };
  }

  it('3 workers, 300 messages: each sent exactly once', async () => {
    const sink = new SmtpSink();
    const p = project('cl-many', await sink.start(), OPEN_PACING);
    try {
      writeFileSync(path.join(p.dir, 'data/c.csv'), contactsCsv(300));
      const imp = p.cli(['import', 'data/c.csv', '--campaign', 'big', '--json']);
      expect(imp.stderr).toBe('');
      expect(JSON.parse(imp.stdout).imported).toBe(300);
      expect(p.cli(['send', '--campaign', 'big', '--send', '--no-pacing']).status).toBe(0);
      const t0 = Date.now();
      const { codes, stderr } = await p.workers(3);
      const seconds = (Date.now() - t0) / 1000;
      expect(codes).toEqual([0, 0, 0]);
      expect(stderr).not.toMatch(/CROSSSLOT|error/i);

      const counts = new Map<string, number>();
      for (const d of sink.deliveries) for (const to of d.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      const duplicates = [...counts.values()].filter((n) => n > 1).length;
      expect(duplicates).toBe(0);
      expect(counts.size).toBe(300);
      expect(sink.deliveries.length).toBe(300);
      const states = Object.values(await client.hgetall(p.keys.ledger('big'))).map((r) => JSON.parse(r).state);
      expect(states.filter((s) => s === 'sent').length).toBe(300);
      const status = JSON.parse(p.cli(['status', '--campaign', 'big', '--json']).stdout);
      expect(status.sent).toBe(300);
      // The figures for the report.
      process.stdout.write(`cluster: 3 masters ${JSON.stringify(cluster.sizes())} keys, 3 workers, ${sink.deliveries.length} delivered, ${duplicates} duplicates, ${seconds.toFixed(1)} s\n`);
    } finally {
      await sink.stop();
    }
  }, 600_000);

  it('3 workers with a daily cap of 5: exactly 5 go out', async () => {
    const sink = new SmtpSink();
    const p = project('cl-cap', await sink.start(), { ...OPEN_PACING, dailyCap: 5 });
    try {
      writeFileSync(path.join(p.dir, 'data/c.csv'), contactsCsv(30));
      expect(p.cli(['import', 'data/c.csv', '--campaign', 'cap']).status).toBe(0);
      expect(p.cli(['send', '--campaign', 'cap', '--send']).status).toBe(0);
      // The plan spreads the 30 over days; make them all due now so the workers compete for the slots.
      const q = new Queue('send-applicant_example_com', { connection: client, prefix: p.keys.bull() });
      for (const job of await q.getDelayed()) await job.promote();
      await q.close();
      const { codes } = await p.workers(3);
      expect(codes).toEqual([0, 0, 0]);
      expect(sink.deliveries.length).toBe(5);
      expect(new Set(sink.deliveries.flatMap((d) => d.to)).size).toBe(5);
      expect(await client.zcard(p.keys.paceLog(SENDER))).toBe(5);
      const states = Object.values(await client.hgetall(p.keys.ledger('cap'))).map((r) => JSON.parse(r).state);
      expect([states.filter((s) => s === 'sent').length, states.filter((s) => s === 'queued').length]).toEqual([5, 25]);
      process.stdout.write(`cluster cap: 3 workers, daily cap 5, ${sink.deliveries.length} delivered of 30 queued\n`);
    } finally {
      await sink.stop();
    }
  }, 600_000);
});
