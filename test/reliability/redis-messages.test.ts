import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { collect, contactsCsv, exited, makeProject, type TestProject } from '../helpers/project.js';
import { freePort, PrivateRedis } from '../helpers/private-redis.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('what the user is told about Redis and retries', () => {
  let p: TestProject;
  let redis: PrivateRedis | undefined;
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await redis?.stop();
    await sink?.stop();
    await p?.cleanup();
    redis = undefined;
    sink = undefined;
  });

  // BullMQ's Queue had no 'error' listener: every reconnect attempt printed a raw multi-line
  // dump. Now: one line when Redis goes, one when it is back.
  it('Redis down for a while under a running worker: one line when it goes, one when it is back, no dumps', async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    p = await makeProject();
    const worker = p.spawnWorker([], { REDIS_URL: redis.url });
    const out = collect(worker);
    for (let i = 0; i < 100 && !/running/.test(out.text()); i++) await sleep(100);
    expect(out.text()).toMatch(/running/);
    await redis.stop();
    await sleep(4000);
    await redis.start();
    for (let i = 0; i < 60 && !/reachable again/.test(out.text()); i++) await sleep(100);
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe(0);
    const text = out.text();
    expect(text.match(/Redis unreachable/g)).toHaveLength(1);
    expect(text.match(/Redis reachable again/g)).toHaveLength(1);
    expect(text).not.toMatch(/^\s+at /m);
    expect(text).not.toMatch(/Unhandled error event|ReplyError|\{$/m);
    expect(text.trim().split('\n').length).toBeLessThanOrEqual(5);
  });

  // Everything used to be "cannot connect to Redis (Connection is closed.)" with a hint to start it.
  const CASES = [
    { why: 'a wrong password', url: (port: number) => `redis://:wrong-pass@127.0.0.1:${port}`, says: /WRONGPASS/, hint: /password in REDIS_URL/ },
    { why: 'no password where one is needed', url: (port: number) => `redis://127.0.0.1:${port}`, says: /NOAUTH/, hint: /redis:\/\/:password@host:port/ },
    { why: 'a port where nothing listens', url: (port: number) => `redis://127.0.0.1:${port + 1}`, says: /ECONNREFUSED/, hint: /outreach doctor.*outreach redis start/ },
  ];
  for (const c of CASES)
    it(`${c.why}: the real cause and the right hint`, async () => {
      redis = new PrivateRedis(await freePort(), ['--requirepass', 'the-right-one']);
      await redis.start();
      p = await makeProject();
      for (const args of [['status'], ['worker', '--drain']]) {
        const r = p.cli(args, { REDIS_URL: c.url(redis.port) });
        expect(r.status).toBe(1);
        const [first, hint] = r.stderr.trim().split('\n');
        expect(first).toMatch(/^error: redis:\/\/.*cannot connect to Redis/);
        expect(first).toMatch(c.says);
        expect(first).not.toMatch(/Connection is closed/);
        expect(hint).toMatch(c.hint);
        expect(r.stderr).not.toContain('wrong-pass');
      }
    });

  it('a 451 that will be retried is logged as "will retry"; the later success clears the error', async () => {
    sink = new SmtpSink({ rcpt: { 'mentor2@example.org': [451] } });
    p = await makeProject({ smtpUrl: await sink.start(), config: { followups: [] } });
    p.writeCsv('data/c.csv', contactsCsv(2));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'r']).status).toBe(0);
    expect(p.cli(['send', '--campaign', 'r', '--send', '--no-pacing']).status).toBe(0);
    const worker = p.spawnWorker(['--drain']);
    const out = collect(worker);
    expect(await exited(worker)).toBe(0);
    const id = (await p.redis.hget(p.keys.emails('r'), 'mentor2@example.org'))!;
    // Log lines name the contact by address, as the user knows them.
    expect(out.text()).toMatch(/will retry \(attempt 1 of 4\) r step 0 to mentor2@example\.org: deferred: 451/);
    expect(out.text()).not.toMatch(/^failed/m);
    expect(sink.countTo('mentor2@example.org')).toBe(1);
    const e = await new Ledger(p.redis, p.keys, 'r').get(id, 0);
    expect(e?.state).toBe('sent');
    expect(e?.attempts).toBe(2);
    expect(e).not.toHaveProperty('error');
    expect(e).not.toHaveProperty('responseCode');
  });
});
