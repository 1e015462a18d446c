import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli as run, type ProgramOptions } from '../../src/cli/program.js';
import { testEnv } from './env.js';

/** A stream that keeps what is written to it. */
export function capture(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({ write(chunk, _enc, cb) { text += String(chunk); cb(); } });
  return { stream, text: () => text };
}

/**
 * Runs `outreach --dir <dir> ...args` in this process through the real command tree, with
 * a clean environment (plus `env`); resolves with stdout, rejects with the command's error.
 */
export async function runCli(dir: string, args: string[], opts: { env?: Record<string, string | undefined> } & Omit<ProgramOptions, 'io'> = {}): Promise<string> {
  const out = capture();
  const err = capture();
  const exitCode = process.exitCode;
  try {
    await run(['--dir', dir, ...args], { ...opts, io: { stdout: out.stream, stderr: err.stream, env: testEnv(opts.env) } });
  } finally {
    process.exitCode = exitCode;
  }
  return out.text();
}

/** Puts Redis (and IMAP) into the project's config file, so CLI commands run with `--dir` alone. */
export async function pinConfig(t: { dir: string; project: { config: { redis: { url: string } } }; keys: { prefix: string } }, imapUrl?: string): Promise<void> {
  const file = join(t.dir, 'outreach.config.json');
  const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  raw.redis = { url: t.project.config.redis.url, prefix: t.keys.prefix };
  if (imapUrl) raw.imap = { url: imapUrl };
  await writeFile(file, JSON.stringify(raw, null, 2));
}
