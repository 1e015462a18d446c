import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run demo`: the whole path a new user takes, run through the real
 * CLI in a throwaway project. Needs only Redis. Mail goes to the outbox folder, never out.
 */
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli/main.js');
const dir = mkdtempSync(path.join(os.tmpdir(), 'outreach-demo-'));
// A key prefix of its own, so the demo never reads or writes anyone's real campaigns.
const prefix = `demo-${randomBytes(4).toString('hex')}`;
const env: NodeJS.ProcessEnv = { ...process.env, OUTREACH_PREFIX: prefix };
// The demo always writes to the outbox: ignore a mailbox configured in the environment.
delete env.SMTP_URL;
delete env.IMAP_URL;

function outreach(...args: string[]): void {
  process.stdout.write(`\n$ outreach ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, env, stdio: 'inherit' });
  if (r.status === 0) return;
  // The CLI has already printed its one-line error and hint on stderr.
  rmSync(dir, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}

outreach('init', dir);
outreach('import', 'data/contacts.csv', '--campaign', 'demo');
outreach('preview', '--campaign', 'demo', '--limit', '1');
outreach('send', '--campaign', 'demo');
outreach('send', '--campaign', 'demo', '--send', '--no-pacing');
outreach('worker', '--drain');
outreach('status', '--campaign', 'demo');

const outbox = path.join(dir, 'data', 'outbox');
const emls = readdirSync(outbox, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eml')).sort();
process.stdout.write(`\n${emls.length} message(s) in ${outbox}:\n`);
for (const f of emls) process.stdout.write(`  ${path.join(outbox, f)}\n`);
process.stdout.write(
  `\nThe demo project stays in ${dir} (Redis key prefix "${prefix}").\n` +
    `Try more commands on it: OUTREACH_PREFIX=${prefix} node ${cli} --dir ${dir} status\n`,
);
