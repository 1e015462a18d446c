// `outreach doctor`, run as the user runs it (the built CLI, its own process), against each
// way a setup goes wrong: every case gives its one line and the exit code a script relies on.
// NCBI points at a closed loopback port, so the probe fails at once; it is advice, and the
// healthy case proves it never changes the exit code.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/commands/init.js';
import { REDIS_URL, testEnv } from '../helpers/env.js';
import { freePort } from '../helpers/ports.js';
import { PrivateRedis } from '../helpers/private-redis.js';
import { CLI } from '../helpers/project.js';
import { runProcess, type Ran } from '../helpers/run.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'doctor-test-'));
let closedPort = 0;

/** A user's own answers: nothing of the starter's sample values is left. */
const ANSWERS = {
  name: 'Amina Yusuf', email: 'amina.yusuf@gmail.com', school: 'University of Lagos College of Medicine', graduationYear: '2022',
  usmle: 'I passed Step 1 and Step 2 CK', location: 'Houston, TX', skills: 'I write Python for image analysis.',
  ask: 'Could we talk about a retrospective breast MRI study?', flexibility: 'I can work remotely, part-time.',
};

beforeAll(async () => {
  closedPort = await freePort();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function project(answers: Parameters<typeof initProject>[1] = ANSWERS): string {
  const dir = path.join(tmp, randomBytes(4).toString('hex'));
  initProject(dir, answers);
  return dir;
}

/** `outreach doctor` in `dir` as a process; async, so a server in this process can answer it. */
function doctor(dir: string, env: Record<string, string | undefined> = {}, args: string[] = []): Promise<Ran> {
  const e = testEnv({ REDIS_URL, OUTREACH_PREFIX: `test-doctor-${randomBytes(4).toString('hex')}`, NCBI_EUTILS_URL: `http://127.0.0.1:${closedPort}/`, ...env });
  return runProcess(process.execPath, [CLI, '--dir', dir, 'doctor', ...args], { env: e, cwd: dir });
}

/** The first line of the check `name`, with its mark (ok / FAIL / note). */
const line = (out: string, name: string) => out.split('\n').find((l) => l.slice(5).startsWith(`${name}:`));

describe('outreach doctor', () => {
  it('a healthy setup (outbox, the test Redis): every send prerequisite ok, exit 0, though NCBI does not answer', async () => {
    const r = await doctor(project());
    expect(r.code, r.out + r.err).toBe(0);
    expect(line(r.out, 'node')).toMatch(/^ok {3}node: Node\.js \d+\./);
    expect(line(r.out, 'config')).toMatch(/^ok {3}config: .*outreach\.config\.json is valid$/);
    expect(line(r.out, 'sample values')).toBe('ok   sample values: none left: the sender and the profile are yours');
    expect(line(r.out, 'templates')).toBe('ok   templates: 2 template(s) render all five parts');
    expect(line(r.out, 'redis')).toMatch(/^ok {3}redis: Redis \d+\.\d+\.\d+ at redis:\/\/127\.0\.0\.1:\d+, maxmemory-policy noeviction$/);
    expect(line(r.out, 'transport')).toBe('ok   transport: outbox: messages are written to data/outbox/, nothing leaves this machine');
    // Advice only: NCBI down and no API key leave the exit code at 0.
    expect(line(r.out, 'pubmed')).toBe('note pubmed: E-utilities not reachable (fetch failed)');
    expect(line(r.out, 'pubmed api key')).toBe('note pubmed api key: NCBI_API_KEY is not set: 3 requests/s');
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('everything a send needs is in order');
  });

  it('Redis down (a closed loopback port): the redis line says so, with how to start one; exit 1', async () => {
    const r = await doctor(project(), { REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    expect(r.code).toBe(1);
    expect(line(r.out, 'redis')).toBe(`FAIL redis: redis://127.0.0.1:${closedPort}: cannot connect to Redis (ECONNREFUSED: nothing is listening there)`);
    expect(r.out).toMatch(/fix: start one for this project with "outreach redis start", or "docker compose up -d redis", or set REDIS_URL/);
    // Everything that does not need Redis is still checked.
    expect(line(r.out, 'templates')).toMatch(/^ok /);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('fix the FAIL lines above, then run "outreach doctor" again');
  });

  it('Redis with maxmemory-policy allkeys-lru: it could drop ledger keys when full; exit 1', async () => {
    const lru = new PrivateRedis(await freePort(), ['--maxmemory-policy', 'allkeys-lru']);
    await lru.start();
    try {
      const r = await doctor(project(), { REDIS_URL: lru.url });
      expect(r.code).toBe(1);
      expect(line(r.out, 'redis')).toMatch(new RegExp(`^FAIL redis: Redis [\\d.]+ at ${lru.url.replace(/\./g, '\\.')} has maxmemory-policy allkeys-lru: it may drop queue or ledger keys when full$`));
      expect(r.out).toContain('fix: run "redis-cli config set maxmemory-policy noeviction"');
    } finally {
      await lru.stop();
    }
  });

  it('the starter project as it is: the sample values are named; exit 1', async () => {
    const r = await doctor(project({}));
    expect(r.code).toBe(1);
    expect(line(r.out, 'sample values')).toBe(
      "FAIL sample values: still the starter's: sender.email (applicant@example.com), sender.name (Sample Applicant), profile.name, profile.medicalSchool, profile.graduationYear, profile.usmle, profile.location, profile.signature, profile.skills, profile.ask, profile.flexibility",
    );
    expect(line(r.out, 'redis')).toMatch(/^ok /);
  });

  it('a template that does not lint: the step and the field are named; exit 1', async () => {
    const dir = project();
    const file = path.join(dir, 'templates', 'outreach.hbs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Dear Dr. {{last_name}},', 'Dear Dr. {{lastname}},'));
    const r = await doctor(dir);
    expect(r.code).toBe(1);
    expect(line(r.out, 'templates')).toBe('FAIL templates: first email: lastname: missing (the row has no value for it)');
    expect(r.out).toContain('fix: fix the template named above, then run "outreach lint --campaign <name>"');
  });

  describe('SMTP login (no message sent)', () => {
    const sink = new SmtpSink({ auth: { user: 'amina', pass: 'right-password' } });
    let port = 0;
    beforeAll(async () => {
      await sink.start();
      port = sink.port;
    });
    afterAll(() => sink.stop());

    it('a server that refuses the login: the transport line says so, never the password; exit 1', async () => {
      const r = await doctor(project(), { SMTP_URL: `smtp://amina:wrong-secret@127.0.0.1:${port}` });
      expect(r.code).toBe(1);
      expect(line(r.out, 'transport')).toMatch(/^FAIL transport: SMTP authentication failed \(535\)/);
      expect(r.out).toContain('fix: check the user name, password, host and port in SMTP_URL');
      expect(r.out + r.err).not.toContain('wrong-secret');
      expect(sink.deliveries).toHaveLength(0);
    });

    it('the same server with the right password: logged in, on this machine; exit 0', async () => {
      const r = await doctor(project(), { SMTP_URL: `smtp://amina:right-password@127.0.0.1:${port}` });
      expect(r.code, r.out).toBe(0);
      expect(line(r.out, 'transport')).toBe('ok   transport: smtp: logged in (on this machine); no message sent');
      expect(r.out).not.toContain('right-password');
      expect(sink.deliveries).toHaveLength(0);
    });
  });

  it('--json: {ok, checks: [{name, status, detail, fix?}]}, with the exit code of the text form', async () => {
    const healthy = await doctor(project(), {}, ['--json']);
    expect(healthy.code).toBe(0);
    const report = JSON.parse(healthy.out) as { ok: boolean; checks: { name: string; status: string; detail: string; fix?: string }[] };
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual(['node', 'config', 'profile', 'sample values', 'templates', 'redis', 'redis persistence', 'transport', 'mailbox', 'pubmed', 'pubmed api key']);
    for (const c of report.checks) {
      expect(['ok', 'fail', 'advice']).toContain(c.status);
      expect(typeof c.detail).toBe('string');
      if (c.status !== 'ok') expect(typeof c.fix).toBe('string');
    }
    expect(report.checks.find((c) => c.name === 'pubmed')).toMatchObject({ status: 'advice', detail: 'E-utilities not reachable (fetch failed)' });

    const down = await doctor(project({}), { REDIS_URL: `redis://127.0.0.1:${closedPort}` }, ['--json']);
    expect(down.code).toBe(1);
    const bad = JSON.parse(down.out) as typeof report;
    expect(bad.ok).toBe(false);
    expect(bad.checks.filter((c) => c.status === 'fail').map((c) => c.name)).toEqual(['sample values', 'redis']);
  });
});
