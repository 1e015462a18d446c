// `outreach redis start|stop|status`: the project's own Redis, used by every command of the
// project without REDIS_URL. A campaign sent through it, Redis stopped and started again:
// the ledger came back from its AOF, so nothing is sent twice (ARCHITECTURE.md, invariant 1).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/commands/init.js';
import { testEnv } from '../helpers/env.js';
import { CLI, OPEN_PACING } from '../helpers/project.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'managed-redis-test-'));
// No REDIS_URL, and none in the config: the project's own Redis is the only one it may use.
const env = testEnv({ OUTREACH_PREFIX: `test-managed-${randomBytes(4).toString('hex')}` });
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, '--dir', dir, ...args], { env, encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const emls = () => readdirSync(path.join(dir, 'data', 'outbox'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eml'));
const pidFile = path.join(dir, '.redis', 'redis.pid');

afterAll(() => {
  // Whatever happened above, the redis-server this test started must not outlive it.
  cli('redis', 'stop');
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
  } catch {
    // already gone
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('outreach redis: the project\'s own Redis', () => {
  // Fifteen CLI processes one after the other: on a loaded two-core machine that is over a minute.
  it('sends a campaign through it, survives stop and start, and sends nothing twice', { timeout: 180_000 }, () => {
    initProject(dir);
    const configFile = path.join(dir, 'outreach.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8'));
    expect(config.redis?.url).toBeUndefined();
    writeFileSync(configFile, JSON.stringify({ ...config, pacing: OPEN_PACING }, null, 2));

    expect(cli('redis', 'status').code).toBe(3);
    // A relative --dir, as a user types it before "outreach init mentors".
    const r0 = spawnSync(process.execPath, [CLI, '--dir', path.basename(dir), 'redis', 'start'], { env, encoding: 'utf8', cwd: path.dirname(dir) });
    const started = { code: r0.status, out: r0.stdout, err: r0.stderr };
    expect(started.code, started.err).toBe(0);
    const url = readFileSync(path.join(dir, '.redis', 'url'), 'utf8').trim();
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(started.out).toMatch(new RegExp(`^started Redis [\\d.]+ at ${url}`));
    expect(url).not.toBe('redis://127.0.0.1:6379');

    expect(cli('import', 'data/contacts.csv', '--campaign', 'c').code).toBe(0);
    const queued = cli('send', '--campaign', 'c', '--send', '--no-pacing', '--json');
    expect(queued.code, queued.err).toBe(0);
    expect(JSON.parse(queued.out)).toMatchObject({ queued: 3 });
    const drained = cli('worker', '--drain');
    expect(drained.code, drained.err).toBe(0);
    expect(emls()).toHaveLength(3);

    const stopped = cli('redis', 'stop');
    expect(stopped.code).toBe(0);
    expect(stopped.out).toMatch(/^stopped/);
    // Stopped means stopped: the commands used that Redis, not one on the default port.
    const status = cli('redis', 'status');
    expect(status.code).toBe(3);
    expect(status.out).toContain(`not running (last at ${url})`);
    const refused = cli('status', '--campaign', 'c');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`error: ${url}: cannot connect to Redis (ECONNREFUSED: nothing is listening there)`);
    expect(refused.err).toContain('hint: run "outreach doctor"');

    const again = cli('redis', 'start');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/^started Redis/);
    expect(readFileSync(path.join(dir, '.redis', 'url'), 'utf8').trim()).toBe(url);

    // The ledger came back: a second --send queues nothing, the worker sends nothing.
    const resend = cli('send', '--campaign', 'c', '--send', '--no-pacing', '--json');
    expect(resend.code, resend.err).toBe(0);
    expect(JSON.parse(resend.out)).toMatchObject({ queued: 0 });
    expect(cli('worker', '--drain').code).toBe(0);
    expect(emls()).toHaveLength(3);
    const counts = JSON.parse(cli('status', '--campaign', 'c', '--json').out);
    // "queued" counts the three first follow-ups, still waiting for their delay: they came back too.
    expect(counts).toMatchObject({ campaign: 'c', contacts: 3, sent: 3, queued: 3, uncertain: 0, failed: 0 });

    expect(cli('redis', 'stop').code).toBe(0);
  });
});
