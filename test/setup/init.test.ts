// `outreach init`: driven by flags (as scripts do), and once in a real terminal answering
// its questions. Either way it ends with a project that lints clean and previews an email
// carrying the answers.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_URL, testEnv } from '../helpers/env.js';
import { CLI, deleteKeys } from '../helpers/project.js';
import { TmuxSession } from '../helpers/tmux.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'init-test-'));
const redis = new Redis(REDIS_URL);
const prefixes: string[] = [];

afterAll(async () => {
  for (const p of prefixes) await deleteKeys(redis, p);
  redis.disconnect();
  rmSync(tmp, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  const prefix = `test-init-${randomBytes(4).toString('hex')}`;
  prefixes.push(prefix);
  return testEnv({ REDIS_URL, OUTREACH_PREFIX: prefix });
}

const cli = (e: NodeJS.ProcessEnv, args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: e, encoding: 'utf8', cwd: tmp });

describe('outreach init with flags', () => {
  it('writes the answers, imports the sample contacts into "first", and shows the first email', () => {
    const e = env();
    const dir = path.join(tmp, 'flags');
    const r = cli(e, ['init', dir, '--yes', '--name', 'Amina Yusuf', '--email', 'amina.yusuf@gmail.com', '--school', 'University of Lagos College of Medicine',
      '--graduation-year', '2022', '--usmle', 'I passed Step 1 and Step 2 CK', '--location', 'Houston, TX', '--skills', 'I write Python for image analysis.',
      '--ask', 'Could we talk about a retrospective study?', '--flexibility', 'I can work remotely.', '--topic', 'breast MRI', '--institution', 'Emory University', '--institution', 'Baylor College of Medicine']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/imported 3 contact\(s\) into "first"/);
    expect(r.stdout).toMatch(/^From: .*Amina Yusuf.*amina\.yusuf@gmail\.com/m);
    const profile = JSON.parse(readFileSync(path.join(dir, 'profile.json'), 'utf8'));
    expect(profile).toMatchObject({ name: 'Amina Yusuf', medicalSchool: 'University of Lagos College of Medicine', graduationYear: '2022', signature: 'University of Lagos College of Medicine, Class of 2022' });
    const config = JSON.parse(readFileSync(path.join(dir, 'outreach.config.json'), 'utf8'));
    expect(config.discover).toEqual({ topic: 'breast MRI', institutions: ['Emory University', 'Baylor College of Medicine'] });
    // Without --transport, no transport.kind is written.
    expect(config.transport.kind).toBeUndefined();
    // The config may later hold an SMTP password: owner-only, whatever the umask.
    expect(statSync(path.join(dir, 'outreach.config.json')).mode & 0o777).toBe(0o600);
    const lint = cli(e, ['--dir', dir, 'lint', '--campaign', 'first']);
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    const preview = cli(e, ['--dir', dir, 'preview', '--campaign', 'first', '--limit', '3']);
    expect(preview.stdout.match(/Amina Yusuf/g)?.length).toBeGreaterThanOrEqual(3);
    // A school named "University of …" takes the article, as a person writes it.
    expect(preview.stdout).toContain('I graduated from the University of Lagos College of Medicine in 2022');
  });

  it('drops a period typed after an answer the template ends with its own (no "certified.. I am")', () => {
    const dir = path.join(tmp, 'periods');
    const r = cli({ ...env(), REDIS_URL: 'redis://127.0.0.1:1' }, ['init', dir, '--yes', '--usmle', 'I have passed Step 1 and Step 2 CK.', '--location', 'Houston, TX. ', '--skills', 'I write Python.']);
    expect(r.status, r.stderr).toBe(0);
    const profile = JSON.parse(readFileSync(path.join(dir, 'profile.json'), 'utf8'));
    expect(profile).toMatchObject({ usmle: 'I have passed Step 1 and Step 2 CK', location: 'Houston, TX', skills: 'I write Python.' });
  });

  it('refuses an unknown transport, and still works without Redis (it says how to go on)', () => {
    const bad = cli(env(), ['init', path.join(tmp, 'bad'), '--yes', '--transport', 'pigeon']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: --transport: "pigeon" is not a transport/);
    const dir = path.join(tmp, 'noredis');
    const r = cli({ ...env(), REDIS_URL: 'redis://127.0.0.1:1' }, ['init', dir, '--yes', '--transport', 'smtp']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/campaign not set up yet: .*cannot connect to Redis/);
    expect(r.stdout).toMatch(/outreach redis start/);
    expect(JSON.parse(readFileSync(path.join(dir, 'outreach.config.json'), 'utf8')).transport.kind).toBe('smtp');
  });
});

describe('outreach init in a real terminal', () => {
  it('asks each question, keeps the defaults accepted, and previews the answers', async () => {
    const e = env();
    const dir = path.join(tmp, 'asked');
    const t = new TmuxSession(`${process.execPath} ${CLI} init ${dir}`, { cwd: tmp, env: e, width: 160, height: 50 });
    try {
      const answer = async (prompt: RegExp, text: string) => {
        await t.waitFor(prompt);
        t.type(text);
      };
      await answer(/Your name/, 'Wei Zhang');
      await answer(/e-mail address you will send from/, 'not-an-address');
      await t.waitFor(/that is not an e-mail address/);
      t.keys('C-u');
      t.type('wei.zhang@outlook.com');
      await answer(/medical school/, 'Peking Union Medical College');
      await answer(/Graduation year/, '2021');
      await answer(/USMLE progress/, 'I passed Step 1 and Step 2 CK');
      await answer(/Where you are/, '');
      await t.waitFor(/What you can do .*sample value/);
      t.type('');
      await answer(/What you ask a mentor for/, '');
      await answer(/How flexible you are/, '');
      await answer(/research topic/, '');
      await answer(/Target institutions/, '');
      await answer(/How will you send/, '');
      expect(await t.waitForExit(30_000)).toBe(0);
      const screen = t.screen();
      expect(screen).toContain('Wei Zhang');
    } finally {
      t.kill();
    }
    const profile = JSON.parse(readFileSync(path.join(dir, 'profile.json'), 'utf8'));
    expect(profile).toMatchObject({ name: 'Wei Zhang', medicalSchool: 'Peking Union Medical College', graduationYear: '2021', usmle: 'I passed Step 1 and Step 2 CK' });
    const preview = cli(e, ['--dir', dir, 'preview', '--campaign', 'first']);
    expect(preview.stdout).toContain('Peking Union Medical College');
    // Defaults accepted as they stand stay the starter's text: the guard still sees them.
    expect(profile.location).toBe('Chicago, IL');
    expect(cli(e, ['--dir', dir, 'lint', '--campaign', 'first']).status).toBe(0);
  });
});
