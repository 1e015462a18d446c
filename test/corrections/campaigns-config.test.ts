// Cases 4 and 5 of "fixing mistakes": one person gets one first email from a sender across
// campaigns (names compared without case), and config mistakes are errors, not silence.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { STARTER_PROFILE } from '../../src/config/sample.js';
import { cliIn } from '../helpers/cli-process.js';
import { contactsCsv, editConfig, makeProject, type TestProject } from '../helpers/project.js';

describe('one first email per person across campaigns', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  it('treats Fall-2026 as fall-2026, and skips people written to from another campaign unless --allow-repeat', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(3));
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'fall-2026']);
    expect((await cliIn(p, ['send', '--campaign', 'fall-2026', '--send'])).stdout).toMatch(/queued 3/);
    // The capitalised name is the same campaign: nothing new to import or plan.
    expect(JSON.parse((await cliIn(p, ['import', 'data/c.csv', '--campaign', 'Fall-2026', '--json'])).stdout)).toMatchObject({ imported: 0, existing: 3 });
    expect((await cliIn(p, ['send', '--campaign', 'Fall-2026', '--json'])).stdout).toMatch(/"queued": 0/);
    expect(JSON.parse((await cliIn(p, ['status', '--json'])).stdout).map((s: { campaign: string }) => s.campaign)).toEqual(['fall-2026']);

    // Another campaign with two of the same people and one new one.
    p.writeCsv('data/d.csv', contactsCsv(4).split('\n').filter((_, i) => i !== 1).join('\n'));
    await cliIn(p, ['import', 'data/d.csv', '--campaign', 'spring-2027']);
    const plan = await cliIn(p, ['send', '--campaign', 'spring-2027', '--json']);
    expect(plan.status).toBe(0);
    expect(plan.stderr).toMatch(/^mentor2@example\.org: already has a first email from applicant@example\.com in campaign "fall-2026"; skipped/m);
    expect(JSON.parse(plan.stdout).plan.map((x: { email: string }) => x.email)).toEqual(['mentor4@example.org']);
    const queued = await cliIn(p, ['send', '--campaign', 'spring-2027', '--send']);
    expect(queued.stdout).toMatch(/queued 1 message/);
    const repeat = await cliIn(p, ['send', '--campaign', 'spring-2027', '--send', '--allow-repeat', '--json']);
    expect(JSON.parse(repeat.stdout).queued).toBe(2);
  });

  it('does not count a first email that was cancelled in the other campaign', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(1));
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'a']);
    await cliIn(p, ['send', '--campaign', 'a', '--send']);
    expect((await cliIn(p, ['cancel', '--campaign', 'a'])).stdout).toMatch(/cancelled 1 queued send/);
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'b']);
    expect(JSON.parse((await cliIn(p, ['send', '--campaign', 'b', '--send', '--json'])).stdout).queued).toBe(1);
  });
});

describe('config mistakes', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  it.each([
    ['a key in the wrong case', (c: Record<string, any>) => (c.pacing.dailycap = 20), /outreach\.config\.json: pacing\.dailycap: unknown key; did you mean `pacing\.dailyCap`\?/],
    ['a top-level "smtp"', (c: Record<string, any>) => (c.smtp = 'smtp://127.0.0.1:25'), /outreach\.config\.json: smtp: unknown key; did you mean `transport\.smtpUrl`\?/],
    ['a misspelt follow-up key', (c: Record<string, any>) => (c.followups[0].delayBusinesDays = 3), /followups\.0\.delayBusinesDays: unknown key; did you mean `followups\.delayBusinessDays`\?/],
    ['a negative delay', (c: Record<string, any>) => (c.followups[0].delayBusinessDays = -1), /followups\.0\.delayBusinessDays: /],
  ])('%s is an error naming the key as written', async (_why, change, message) => {
    p = await makeProject();
    editConfig(p, change);
    const r = p.cli(['status']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('accepts a fractional follow-up delay', async () => {
    p = await makeProject();
    editConfig(p, (c) => (c.followups[0].delayBusinessDays = 0.5));
    expect((await cliIn(p, ['status'])).status).toBe(0);
  });

  it('refuses a real mailbox while any starter sample is left, e.g. the signature, and queues nothing', async () => {
    p = await makeProject({ smtpUrl: 'smtp://mail.example.net:587' });
    editConfig(p, (c) => (c.sender = { name: 'Amira Haddad', email: 'amira.haddad@gmail.com' }));
    const profileFile = `${p.dir}/profile.json`;
    const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
    Object.assign(profile, { name: 'Dr. Amira Haddad', medicalSchool: 'University of Jordan', graduationYear: '2022', usmle: 'Step 1 passed', location: 'Amman, remote', skills: 'R and REDCap', ask: 'A short call?', flexibility: 'Remote, part-time' });
    writeFileSync(profileFile, JSON.stringify(profile));
    p.writeCsv('data/c.csv', contactsCsv(1));
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'real']);
    const r = await cliIn(p, ['send', '--campaign', 'real', '--send']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/sample values still in use: profile\.signature\b/);
    expect(r.stderr).not.toMatch(/profile\.name|sender/);
    expect(await p.redis.hlen(p.keys.ledger('real'))).toBe(0);
    // The starter's own wording of skills is a sample too.
    writeFileSync(profileFile, JSON.stringify({ ...profile, signature: 'University of Jordan, 2022', skills: STARTER_PROFILE.skills }));
    expect((await cliIn(p, ['send', '--campaign', 'real', '--send'])).stderr).toMatch(/sample values still in use: profile\.skills$/m);
  });

  it('knows the starter profile: every personal value init writes is listed as a sample', async () => {
    p = await makeProject();
    const starter = JSON.parse(readFileSync(`${p.dir}/profile.json`, 'utf8'));
    for (const [k, v] of Object.entries(STARTER_PROFILE)) expect(starter[k]).toBe(v);
  });
});
