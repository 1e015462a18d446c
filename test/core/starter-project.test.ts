import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/cli/commands/init.js';
import { loadProfile, loadProject } from '../../src/config/load.js';
import { UserError } from '../../src/errors/user-error.js';
import { lintContact, REQUIRED_PARTS } from '../../src/render/lint.js';
import { MessageRenderer } from '../../src/render/message-renderer.js';
import type { StoredContact } from '../../src/campaign/stored-contact.js';

const contact = (row: Record<string, string>): StoredContact => ({
  id: 'c1', email: row.email ?? 'a@example.org', source: 'data/x.csv:2',
  row: { first_name: 'Ada', last_name: 'Lovelace', email: 'a@example.org', ...row } as StoredContact['row'],
});

function project() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outreach-starter-'));
  initProject(dir);
  const p = loadProject(dir, {});
  return { dir, p, renderer: () => MessageRenderer.load(loadProject(dir, {}), loadProfile(p)) };
}

describe('outreach init', () => {
  it('writes a project whose template renders the five parts for a row with institution and topic', () => {
    const { renderer } = project();
    const r = renderer().renderText(contact({ institution: 'Example University', topic: 'neuro' }), 0);
    expect(r.subject).toBe('Interest in helping with your neuro imaging research');
    for (const part of REQUIRED_PARTS) expect(r.parts[part]).toBeTruthy();
    expect(r.text).toContain('international medical graduate');
    expect(r.text).not.toContain('{{');
    // Without a paper the interest part still reads well; with one, it names it.
    expect(r.parts.interest).toContain('Example University');
    const withPaper = renderer().renderText(contact({ institution: 'X', topic: 'neuro', recent_paper_title: 'A & B', recent_paper_journal: 'Radiology' }), 0);
    expect(withPaper.parts.interest).toContain('in Radiology, "A & B."'); // not HTML-escaped
  });
  it('refuses to overwrite', () => {
    const { dir } = project();
    expect(() => initProject(dir)).toThrow(UserError);
    expect(() => initProject(dir)).toThrow(/already exists/);
  });
});

describe('lint', () => {
  it('names the contact and field for a missing field, an empty part, leftover {{ and a long subject', () => {
    const { dir, renderer } = project();
    expect(lintContact(renderer(), 'c', contact({ topic: 'neuro' }))).toEqual([
      expect.objectContaining({ contact: 'a@example.org', field: 'institution', reason: expect.stringMatching(/missing/) }),
    ]);
    const tpl = path.join(dir, 'templates/outreach.hbs');
    const src = readFileSync(tpl, 'utf8');
    writeFileSync(tpl, src.replace('{{sentence profile.skills}}', '').replace('Thank you', '\\{{oops}} Thank you').replace('subject: ', `subject: ${'x'.repeat(120)} `));
    const fields = lintContact(renderer(), 'c', contact({ topic: 'neuro', institution: 'X' })).map((p) => `${p.field}: ${p.reason}`);
    expect(fields).toEqual(expect.arrayContaining([
      expect.stringMatching(/^subject: over 120 characters/),
      'part skills: empty',
      expect.stringMatching(/^body: leftover "\{\{"/),
    ]));
  });
});

describe('config errors', () => {
  it('name the file and the bad key, and list every problem', () => {
    const { dir } = project();
    const file = path.join(dir, 'outreach.config.json');
    const cfg = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...cfg, sender: { name: 'A', email: 'nope' }, pacing: { dailyCap: 0 } }));
    try {
      loadProject(dir, {});
      throw new Error('expected a UserError');
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      const e = err as UserError;
      expect(e.line()).toMatch(/outreach\.config\.json: sender\.email: /);
      expect(e.details).toMatch(/pacing\.dailyCap/);
      expect(e.hint).toBeTruthy();
    }
  });
  it('take REDIS_URL, OUTREACH_PREFIX and SMTP_URL from the environment over the file', () => {
    const { dir } = project();
    const p = loadProject(dir, { REDIS_URL: 'redis://10.0.0.9:6380', OUTREACH_PREFIX: 'px', SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect([p.config.redis.url, p.config.redis.prefix, p.config.transport.smtpUrl]).toEqual(['redis://10.0.0.9:6380', 'px', 'smtp://127.0.0.1:2525']);
  });
});
