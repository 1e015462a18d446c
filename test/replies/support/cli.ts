import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import type { TestCampaign } from './campaign.js';

/** Puts Redis (and IMAP) into the project's config file, so CLI commands run with `--dir` alone. */
export async function pinConfig(t: TestCampaign, imapUrl?: string): Promise<void> {
  const file = join(t.dir, 'outreach.config.json');
  const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  raw.redis = { url: t.project.config.redis.url, prefix: t.keys.prefix };
  if (imapUrl) raw.imap = { url: imapUrl };
  await writeFile(file, JSON.stringify(raw, null, 2));
}

/** Runs `outreach --dir <dir> ...args` on a program built by `register`, returning stdout. */
export async function runCli(dir: string, register: (p: Command, out: NodeJS.WritableStream) => unknown, args: string[]): Promise<string> {
  let text = '';
  const out = new Writable({ write(chunk, _enc, cb) { text += String(chunk); cb(); } });
  const program = new Command('outreach').option('--dir <path>').exitOverride();
  register(program, out);
  await program.parseAsync(['--dir', dir, ...args], { from: 'user' });
  return text;
}
