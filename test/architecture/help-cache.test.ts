// `outreach ... --help` is answered from the texts `npm run build` stored
// (src/cli/help-cache.ts): they must be exactly what the parser prints, for every command,
// and a program rebuilt without them must fall back to the parser.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HelpCache } from '../../src/cli/help-cache.js';
import { testEnv } from '../helpers/env.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIST_CLI = path.join(ROOT, 'dist/src/cli');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'help-cache-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The CLI as a process. */
const run = (args: string[]) => spawnSync(process.execPath, [path.join(DIST_CLI, 'main.js'), ...args], { encoding: 'utf8', env: testEnv() });

describe('stored --help texts', () => {
  const cache = JSON.parse(readFileSync(path.join(DIST_CLI, 'help-cache.json'), 'utf8')) as HelpCache;

  it('cover every command and are what the parser prints', () => {
    expect(Object.keys(cache.help)).toEqual(expect.arrayContaining(['', 'status', 'replies sync', 'contacts list', 'discover']));
    // An option before the command path makes the CLI skip the stored texts: the parser answers.
    for (const [key, text] of Object.entries(cache.help)) {
      const r = run(['--dir', tmp, ...(key ? key.split(' ') : []), '--help']);
      expect([r.status, r.stdout], key).toEqual([0, text]);
    }
  });

  it('the CLI prints them, -h as --help, and the parser still answers anything else', () => {
    for (const args of [['--help'], ['-h'], ['status', '--help'], ['replies', 'sync', '-h']]) {
      const r = run(args);
      expect([r.status, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toBe(cache.help[args.slice(0, -1).join(' ')]);
    }
    // With an option before --help the parser answers, with the same text.
    const parsed = run(['status', '--json', '--help']);
    expect([parsed.status, parsed.stdout]).toEqual([0, cache.help.status]);
  });

  it('a program.js other than the one they were stored for makes them stale', async () => {
    for (const f of ['help-cache.js', 'help-cache.js.map', 'help-cache.json', 'program.js']) copyFileSync(path.join(DIST_CLI, f), path.join(tmp, f));
    // Another modification time (as npm's tarballs give every file) changes nothing.
    utimesSync(path.join(tmp, 'program.js'), new Date('1985-10-26T08:15:00Z'), new Date('1985-10-26T08:15:00Z'));
    const copy = (await import(path.join(tmp, 'help-cache.js'))) as typeof import('../../src/cli/help-cache.js');
    expect(copy.cachedHelp(['status', '--help'])).toBe(cache.help.status);
    expect(copy.cachedHelp(['status', '--json', '--help'])).toBeUndefined();
    // Another program.js (here: one more byte) than the texts were stored for: the parser answers.
    appendFileSync(path.join(tmp, 'program.js'), '\n');
    expect(copy.cachedHelp(['status', '--help'])).toBeUndefined();
  });
});
