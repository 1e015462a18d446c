import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALL_HINT, ping, which } from '../src/setup/managed-redis.js';

/**
 * `npm run demo`: the whole path a new user takes, run through the real
 * CLI in a throwaway project. Needs only Redis: the one at REDIS_URL (or 127.0.0.1:6379),
 * or else the project's own (`outreach redis start`), stopped again at the end.
 * Mail goes to the outbox folder, never out.
 */
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli/main.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'outreach-demo-'));
// A key prefix of its own, so the demo never reads or writes anyone's real campaigns.
const prefix = `demo-${randomBytes(4).toString('hex')}`;
const env: NodeJS.ProcessEnv = { ...process.env, OUTREACH_PREFIX: prefix };
// The demo always writes to the outbox: ignore a mailbox configured in the environment.
delete env.SMTP_URL;
delete env.IMAP_URL;

const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
const ownRedis = (await ping(redisUrl)) === null;
if (ownRedis && !which('redis-server', env)) {
  rmSync(dir, { recursive: true, force: true });
  process.stderr.write(`error: no Redis answers at ${redisUrl}, and redis-server is not installed\nhint: ${INSTALL_HINT}; then run "npm run demo" again\n`);
  process.exit(1);
}

function outreach(...args: string[]): void {
  process.stdout.write(`\n$ outreach ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, env, stdio: 'inherit' });
  if (r.status === 0) return;
  // The CLI has already printed its one-line error and hint on stderr.
  if (ownRedis) spawnSync(process.execPath, [cli, 'redis', 'stop'], { cwd: dir, env, stdio: 'ignore' });
  rmSync(dir, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

if (ownRedis) {
  process.stdout.write(`No Redis answers at ${redisUrl}: the demo runs the project's own (redis-server from PATH).\n`);
  // The project's commands use it only when REDIS_URL does not name another.
  delete env.REDIS_URL;
  outreach('redis', 'start');
}
// init imports the sample contacts into "demo" and previews the first message.
outreach('init', dir, '--yes', '--campaign', 'demo');
outreach('send', '--campaign', 'demo');
outreach('send', '--campaign', 'demo', '--send', '--no-pacing');
outreach('worker', '--drain');
outreach('status', '--campaign', 'demo');

const outbox = path.join(dir, 'data', 'outbox');
const emls = readdirSync(outbox, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eml')).sort();
process.stdout.write(`\n${emls.length} message(s) in ${outbox}:\n`);
for (const f of emls) process.stdout.write(`  ${path.join(outbox, f)}\n`);
if (ownRedis) outreach('redis', 'stop');
process.stdout.write(
  `\nThe demo project stays in ${dir} (Redis key prefix "${prefix}").\n` +
    (ownRedis ? `Its Redis is stopped; its data stays in ${path.join(dir, '.redis')}. Start it again with: node ${cli} --dir ${dir} redis start\n` : '') +
    `Try more commands on it: OUTREACH_PREFIX=${prefix} node ${cli} --dir ${dir} status\n`,
);
