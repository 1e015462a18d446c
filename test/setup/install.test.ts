// A real install, as a user gets it: the package packed the way npm publishes it, installed
// globally into a temporary prefix, and its `outreach` bin run from there (not from this
// tree), so a file missing from package.json's "files" fails here.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, testEnv } from '../helpers/env.js';
import { deleteKeys } from '../helpers/project.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'install-test-'));
const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const npm = 'npm';
// The installed bin starts with "#!/usr/bin/env node": the Node running the tests comes first.
const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`;
const prefix = `test-install-${randomBytes(4).toString('hex')}`;

// Runs whether or not an assertion failed, so the installed tool's keys never outlive the test.
afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  await deleteKeys(redis, prefix);
  redis.disconnect();
  rmSync(tmp, { recursive: true, force: true });
});

describe('a global install (npm pack, then npm install -g --prefix)', () => {
  it('gives a working outreach: --version, and init --yes with the shipped templates', { timeout: 240_000 }, async () => {
    // dist/ is built once for the whole run (test/global-setup.ts): pack it without running
    // "prepare" again, which would only rebuild the same files.
    const packed = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root, env: testEnv({ PATH }) });
    const [{ filename, files }] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
    const shipped = files.map((f) => f.path);
    expect(shipped).toEqual(expect.arrayContaining(['dist/src/cli/main.js', 'dist/src/cli/help-cache.json', 'templates/outreach.hbs', 'templates/project/outreach.config.json', 'templates/project/profile.json', 'data/contacts.csv']));
    // Only what runs: no tests, no TypeScript sources, no source maps, no outbox.
    expect(shipped.filter((f) => /^(test|src|scripts)\/|\.map$|\.ts$|^data\/outbox\//.test(f))).toEqual([]);

    const prefix = path.join(tmp, 'prefix');
    const tarball = path.join(tmp, filename);
    // The npm cache holds every dependency after `npm ci`; without a lockfile in the tarball,
    // npm may still need the registry's package lists, hence --prefer-offline as the fallback.
    const install = (mode: string) => run(npm, ['install', '-g', '--prefix', prefix, mode, '--no-audit', '--no-fund', tarball], { cwd: tmp, env: testEnv({ PATH }) });
    await install('--offline').catch(() => install('--prefer-offline'));

    const bin = path.join(prefix, 'bin', 'outreach');
    expect(realpathSync(bin).startsWith(realpathSync(prefix))).toBe(true);
    const v = await run(bin, ['--version'], { cwd: tmp, env: testEnv({ PATH }) });
    expect(v.stdout.trim()).toBe(version);
    // The stored --help texts ship and are current for the installed program.js (whose file
    // time npm's tarball has set to one fixed date): the help is the stored text.
    const stored = JSON.parse(readFileSync(path.join(root, 'dist/src/cli/help-cache.json'), 'utf8')) as { help: Record<string, string> };
    const installedCli = path.dirname(realpathSync(bin));
    const { cachedHelp } = (await import(path.join(installedCli, 'help-cache.js'))) as typeof import('../../src/cli/help-cache.js');
    expect(cachedHelp(['status', '--help'])).toBe(stored.help.status);
    expect((await run(bin, ['status', '--help'], { cwd: tmp, env: testEnv({ PATH }) })).stdout).toBe(stored.help.status);

    const e = testEnv({ REDIS_URL, OUTREACH_PREFIX: prefix, PATH });
    const init = await run(bin, ['init', '--yes', 'mentors', '--name', 'Amina Yusuf'], { cwd: tmp, env: e });
    for (const f of ['outreach.config.json', 'profile.json', 'templates/outreach.hbs', 'templates/followup-1.hbs', 'data/contacts.csv']) expect(existsSync(path.join(tmp, 'mentors', f)), f).toBe(true);
    expect(init.stdout).toContain('imported 3 contact(s) into "first"');
    expect(init.stdout).toContain('From: Amina Yusuf <applicant@example.com>');
    expect(init.stdout).toContain('Next: cd mentors && outreach preview --campaign first --limit 3');
  });
});
