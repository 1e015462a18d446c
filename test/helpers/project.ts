import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { Redis } from 'ioredis';
import { initProject } from '../../src/cli/commands/init.js';
import { loadProfile, loadProject, type Project } from '../../src/config/load.js';
import type { Profile } from '../../src/config/profile.js';
import { Keys } from '../../src/store/keys.js';

import { REDIS_URL, testEnv } from './env.js';

export { REDIS_URL } from './env.js';
/** The built CLI (test/global-setup.ts builds dist/ before any test runs). */
export const CLI = path.resolve(import.meta.dirname, '../../dist/src/cli/main.js');

/** Settings that let a test send at once: every day and hour, no gaps. */
export const OPEN_PACING = {
  dailyCap: 1000, batchSize: 1000, batchPauseMinutes: 0, gapSeconds: { min: 0, max: 0 },
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], hours: { start: '00:00', end: '24:00' },
};

export interface TestProject {
  dir: string;
  prefix: string;
  env: NodeJS.ProcessEnv;
  project: Project;
  profile: Profile;
  keys: Keys;
  redis: Redis;
  /** Runs the built CLI in this project; resolves with its exit code and output. */
  cli(args: string[], extraEnv?: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string };
  /** Starts `outreach worker` as a separate process; `extraEnv` is laid over the project's environment. */
  spawnWorker(args?: string[], extraEnv?: NodeJS.ProcessEnv): ChildProcessByStdio<null, Readable, Readable>;
  writeCsv(name: string, text: string): string;
  cleanup(): Promise<void>;
}

/** A starter project in a temp folder, with a random Redis prefix so tests never collide. */
export async function makeProject(opts: { smtpUrl?: string; imapUrl?: string; config?: Record<string, unknown> } = {}): Promise<TestProject> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outreach-test-'));
  initProject(dir);
  const base = JSON.parse(readFileSync(path.join(dir, 'outreach.config.json'), 'utf8'));
  const config = {
    ...base,
    pacing: OPEN_PACING,
    retry: { attempts: 4, backoffSeconds: 0.2 },
    worker: { concurrency: 3, heartbeatSeconds: 0.5, lockSeconds: 2 },
    ...opts.config,
  };
  writeFileSync(path.join(dir, 'outreach.config.json'), JSON.stringify(config, null, 2));
  const prefix = `test-${randomBytes(6).toString('hex')}`;
  const env: NodeJS.ProcessEnv = testEnv({ REDIS_URL, OUTREACH_PREFIX: prefix, SMTP_URL: opts.smtpUrl, IMAP_URL: opts.imapUrl });
  const project = loadProject(dir, env);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  return {
    dir, prefix, env, project, profile: loadProfile(project), keys: new Keys(prefix, project.config.sender.email), redis,
    cli(args, extraEnv = {}) {
      const r = spawnSync(process.execPath, [CLI, '--dir', dir, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8', cwd: dir });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    spawnWorker(args = [], extraEnv = {}) {
      return spawn(process.execPath, [CLI, '--dir', dir, 'worker', ...args], { env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    },
    writeCsv(name, text) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    },
    async cleanup() {
      await deleteKeys(redis, prefix);
      redis.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes every key under `prefix` (a test's own random prefix), in batches of 500. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}:*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
}

/** Reads the project's outreach.config.json, lets `change` edit it in place, writes it back. */
export function editConfig(p: { dir: string }, change: (config: Record<string, any>) => void): void {
  const file = path.join(p.dir, 'outreach.config.json');
  const config = JSON.parse(readFileSync(file, 'utf8'));
  change(config);
  writeFileSync(file, JSON.stringify(config, null, 2));
}

/** A contacts CSV with n rows at example.org addresses. */
export function contactsCsv(n: number, extra = ''): string {
  const rows = ['first_name,last_name,email,institution,topic,timezone'];
  for (let i = 1; i <= n; i++) rows.push(`First${i},Last${i},mentor${i}@example.org,Example University ${i},neuro,America/New_York`);
  return `${rows.join('\n')}\n${extra}`;
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
  });
}

/** Resolves with the exit code, or 'hung' when the process is still running after `ms`. */
export function exitWithin(child: ChildProcess, ms: number): Promise<number | null | 'hung'> {
  return Promise.race([exited(child), new Promise<'hung'>((r) => setTimeout(() => r('hung'), ms))]);
}

/** Polls `cond` until it holds (a worker process or a background job has done its part). */
export async function waitUntil(cond: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Output collected from a child process: stdout and stderr as they arrive, interleaved. */
export function collect(child: ChildProcess): { text: () => string } {
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  return { text: () => out };
}
