// When Redis cannot be reached, every command that needs it says where it looked and points
// to `outreach doctor` (store/redis.ts: connectCli for commands, connectWorker for workers).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/commands/init.js';
import { testEnv } from '../helpers/env.js';
import { freePort } from '../helpers/ports.js';
import { CLI } from '../helpers/project.js';
import { runProcess } from '../helpers/run.js';

const WORKER = path.resolve(import.meta.dirname, '../../dist/workers/send.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'redis-hint-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each path into Redis: the session of most commands, the send worker, the import, the reply list. */
const COMMANDS = [
  ['preview', '--campaign', 'first'],
  ['send', '--campaign', 'first', '--send'],
  ['worker', '--drain'],
  ['status'],
  ['import', 'data/contacts.csv', '--campaign', 'first'],
  ['replies', 'list'],
  ['suppress', 'add', 'someone@example.edu'],
];

describe('Redis down', () => {
  it('every command names the address, and its hint points to "outreach doctor"', async () => {
    initProject(dir);
    const url = `redis://127.0.0.1:${await freePort()}`;
    const env = testEnv({ REDIS_URL: url, OUTREACH_PREFIX: 'test-redis-hint' });
    const runs = await Promise.all([
      ...COMMANDS.map((args) => runProcess(process.execPath, [CLI, '--dir', dir, ...args], { env, cwd: dir }).then((r) => ({ what: args.join(' '), ...r }))),
      runProcess(process.execPath, [WORKER], { env: { ...env, OUTREACH_DIR: dir }, cwd: dir }).then((r) => ({ what: 'workers/send.js', ...r })),
    ]);
    for (const r of runs) {
      const [error, hint] = r.err.trimEnd().split('\n');
      expect(r.code, r.what).toBe(1);
      expect(error, r.what).toBe(`error: ${url}: cannot connect to Redis (ECONNREFUSED: nothing is listening there)`);
      expect(hint, r.what).toBe('hint: run "outreach doctor"; "outreach redis start" runs one for this project, or fix the host and port in REDIS_URL');
    }
  });
});
