import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load.js';
import { createTransport } from '../../src/transports/create-transport.js';
import { makeProject } from '../helpers/project.js';
import { testEnv } from '../helpers/env.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gmail-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function project(config: Record<string, unknown>, env: Record<string, string> = {}) {
  writeFileSync(path.join(dir, 'outreach.config.json'), JSON.stringify({ sender: { name: 'Ada', email: 'ada@gmail.com' }, ...config }));
  return loadProject(dir, testEnv({ HOME: '/home/ada', ...env }));
}

describe('choosing the transport (CLI-CONTRACT.md, "Choosing the transport")', () => {
  // [why, config, env, expected kind]
  const cases: [string, Record<string, unknown>, Record<string, string>, string][] = [
    ['nothing set: the outbox', {}, {}, 'outbox'],
    ['an SMTP URL alone means SMTP', {}, { SMTP_URL: 'smtp://127.0.0.1:2525' }, 'smtp'],
    ['transport.kind wins over an SMTP URL', { transport: { kind: 'gmail' } }, { SMTP_URL: 'smtp://127.0.0.1:2525' }, 'gmail'],
    ['OUTREACH_TRANSPORT wins over transport.kind', { transport: { kind: 'gmail' } }, { OUTREACH_TRANSPORT: 'outbox' }, 'outbox'],
    ['OUTREACH_TRANSPORT=gmail without anything else', {}, { OUTREACH_TRANSPORT: 'gmail' }, 'gmail'],
  ];
  for (const [why, config, env, kind] of cases)
    it(why, () => {
      const p = project(config, env);
      expect(createTransport(p.config, p.resolve).kind).toBe(kind);
    });

  it('transport smtp without an SMTP URL is a one-line error', () => {
    const p = project({ transport: { kind: 'smtp' } });
    expect(() => createTransport(p.config, p.resolve)).toThrow('transport is smtp, but no SMTP URL is set');
  });

  it('a Gmail API on loopback stays on this machine; Google\'s does not', () => {
    expect(createTransport(project({}, { OUTREACH_TRANSPORT: 'gmail', GMAIL_API_URL: 'http://127.0.0.1:9/' }).config, (x) => x).leavesMachine).toBe(false);
    expect(createTransport(project({}, { OUTREACH_TRANSPORT: 'gmail' }).config, (x) => x).leavesMachine).toBe(true);
  });
});

describe('Gmail settings', () => {
  it('the token file: $XDG_CONFIG_HOME/outreach/gmail/<sender>.json, ~/.config when unset, OUTREACH_GMAIL_TOKEN over both', () => {
    expect(project({}).config.gmail.tokenFile).toBe('/home/ada/.config/outreach/gmail/ada@gmail.com.json');
    expect(project({}, { XDG_CONFIG_HOME: '/x' }).config.gmail.tokenFile).toBe('/x/outreach/gmail/ada@gmail.com.json');
    expect(project({}, { XDG_CONFIG_HOME: '/x', OUTREACH_GMAIL_TOKEN: '/t.json' }).config.gmail.tokenFile).toBe('/t.json');
  });

  // [why, config, expected daily cap]
  const caps: [string, Record<string, unknown>, number][] = [
    ['pacing.dailyCap below Google\'s limit applies', { transport: { kind: 'gmail' }, pacing: { dailyCap: 40 } }, 40],
    ['a personal Gmail account sends at most 500 a day', { transport: { kind: 'gmail' }, pacing: { dailyCap: 900 } }, 500],
    ['a Workspace account: 2,000', { transport: { kind: 'gmail' }, gmail: { accountType: 'workspace' }, pacing: { dailyCap: 5000 } }, 2000],
    ['a Workspace trial: 500', { transport: { kind: 'gmail' }, gmail: { accountType: 'workspace-trial' }, pacing: { dailyCap: 5000 } }, 500],
    ['gmail.dailyCap lowers it further', { transport: { kind: 'gmail' }, gmail: { dailyCap: 25 }, pacing: { dailyCap: 40 } }, 25],
    ['not sending through Gmail: only pacing.dailyCap', { pacing: { dailyCap: 900 } }, 900],
  ];
  for (const [why, config, cap] of caps) it(why, () => expect(project(config).config.pacing.dailyCap).toBe(cap));
});

describe('send --no-pacing with Gmail', () => {
  it('is refused while GMAIL_API_URL is Google\'s, accepted on loopback', async () => {
    const p = await makeProject({ config: { sender: { name: 'Ada Applicant', email: 'ada.applicant@gmail.com' }, transport: { kind: 'gmail' } } });
    try {
      p.writeCsv('data/c.csv', 'first_name,last_name,email,institution,topic\nGrace,Hopper,grace@uni.edu,Uni,neuro\n');
      expect(p.cli(['import', 'data/c.csv', '--campaign', 'n']).status).toBe(0);
      const refused = p.cli(['send', '--campaign', 'n', '--no-pacing']);
      expect(refused.status).toBe(1);
      expect(refused.stderr.split('\n')[0]).toBe('error: --no-pacing: only works with the outbox or an SMTP server on loopback, or a Gmail API on loopback');
      const ok = p.cli(['send', '--campaign', 'n', '--no-pacing', '--json'], { GMAIL_API_URL: 'http://127.0.0.1:9/' });
      expect(ok.status, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout).transport).toBe('gmail');
    } finally {
      await p.cleanup();
    }
  });
});
