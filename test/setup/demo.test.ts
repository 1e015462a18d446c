// `npm run demo` needs only Redis, and not even one the user started: when nothing answers at
// REDIS_URL it runs the demo project's own redis-server and stops it at the end; without a
// redis-server it says how to install one on each system.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ping, which } from '../../src/setup/managed-redis.js';
import { testEnv } from '../helpers/env.js';
import { freePort } from '../helpers/ports.js';
import { runProcess } from '../helpers/run.js';

const DEMO = path.resolve(import.meta.dirname, '../../dist/scripts/demo.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'demo-test-'));
let closed = '';

beforeAll(async () => {
  closed = `redis://127.0.0.1:${await freePort()}`;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const demo = (env: NodeJS.ProcessEnv) => runProcess(process.execPath, [DEMO], { env, cwd: tmp });

describe('npm run demo without a running Redis', () => {
  it('runs the project\'s own redis-server, sends the demo to the outbox, and stops it', { timeout: 120_000 }, async () => {
    expect(which('redis-server'), 'this test needs redis-server on PATH').not.toBeNull();
    const runs = path.join(tmp, 'with-server');
    mkdirSync(runs);
    // TMPDIR: the demo's throwaway project lands where this test cleans up.
    const r = await demo(testEnv({ REDIS_URL: closed, TMPDIR: runs }));
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(`No Redis answers at ${closed}: the demo runs the project's own`);
    expect(r.out).toMatch(/\$ outreach redis start\nstarted Redis [\d.]+ at redis:\/\/127\.0\.0\.1:\d+/);
    expect(r.out).toMatch(/demo: 3 contacts \| sent 3,/);
    const demos = readdirSync(runs).filter((f) => f.startsWith('outreach-demo-'));
    expect(demos).toHaveLength(1);
    const dir = path.join(runs, demos[0]!);
    expect(readdirSync(path.join(dir, 'data', 'outbox', 'demo')).filter((f) => f.endsWith('.eml'))).toHaveLength(3);
    // Stopped at the end: nothing answers at its address any more, and its data stays.
    expect(r.out).toContain('$ outreach redis stop\nstopped');
    const url = readFileSync(path.join(dir, '.redis', 'url'), 'utf8').trim();
    expect(await ping(url)).toBeNull();
    expect(existsSync(path.join(dir, '.redis', 'appendonlydir'))).toBe(true);
  });

  it('without redis-server: the install line for Debian/Ubuntu, macOS, Windows and Docker; exit 1', async () => {
    // A PATH with node and nothing else: no redis-server on it.
    const bin = path.join(tmp, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const runs = path.join(tmp, 'without-server');
    mkdirSync(runs);
    const r = await demo(testEnv({ REDIS_URL: closed, TMPDIR: runs, PATH: bin }));
    expect(r.code).toBe(1);
    const [error, hint] = r.err.trimEnd().split('\n');
    expect(error).toBe(`error: no Redis answers at ${closed}, and redis-server is not installed`);
    expect(hint).toContain('Debian/Ubuntu "sudo apt-get install redis-server"');
    expect(hint).toContain('macOS "brew install redis"');
    expect(hint).toContain('Windows: inside WSL "sudo apt-get install redis-server", or Docker Desktop');
    expect(hint).toContain('Docker anywhere: "docker compose up -d redis"');
    // Nothing left behind.
    expect(readdirSync(runs).filter((f) => f.startsWith('outreach-demo-'))).toEqual([]);
  });
});
