import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contactsCsv, editConfig, makeProject, type TestProject } from '../helpers/project.js';

type Edit = (p: TestProject) => void;

function editTemplate(from: string, to: string): Edit {
  return (p) => {
    const file = path.join(p.dir, 'templates/outreach.hbs');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(from);
    writeFileSync(file, text.replace(from, to));
  };
}

// Problems that made every send fail (or go out wrong) while lint said nothing. Each must be
// reported by lint, with where it is, and stop `send --send` before anything is queued.
const CASES: { why: string; edit: Edit; says: RegExp }[] = [
  {
    why: 'a line break in sender.name (the README promises lint checks header values)',
    edit: (p) => editConfig(p, (c) => (c.sender.name = 'Dr. A. Applicant\nBcc: someone@example.net')),
    says: /outreach\.config\.json: sender\.name: line break in a value that goes into a header/,
  },
  {
    why: '{{__proto__}} rendered as a silent blank despite strict mode',
    edit: editTemplate('Dear Dr. {{last_name}},', 'Dear Dr. {{last_name}}{{__proto__}},'),
    says: /templates\/outreach\.hbs:4: "__proto__": "__proto__" is not a field/,
  },
  {
    why: '{{lookup this "constructor"}} rendered as a silent blank',
    edit: editTemplate('Dear Dr. {{last_name}},', 'Dear Dr. {{lookup this "constructor"}},'),
    says: /templates\/outreach\.hbs:4: lookup "constructor": not a field/,
  },
  {
    why: 'a helper that does not exist was reported as a missing row value',
    edit: editTemplate('Dear Dr. {{last_name}},', 'Dear Dr. {{shout last_name}},'),
    says: /templates\/outreach\.hbs:4: unknown helper "shout" \(helpers: .*part/,
  },
  {
    why: 'a missing attachment file: every first email would fail for good',
    edit: (p) => editConfig(p, (c) => (c.attachment = { path: 'cv/missing.pdf' })),
    says: /outreach\.config\.json: attachment\.path: file not found: .*cv\/missing\.pdf/,
  },
  {
    why: 'an outbox path that is a file: every send would fail for good',
    edit: (p) => {
      writeFileSync(path.join(p.dir, 'data/outbox-file'), 'not a folder');
      editConfig(p, (c) => (c.transport = { ...c.transport, outboxDir: 'data/outbox-file' }));
    },
    says: /outreach\.config\.json: transport\.outboxDir: .*data\/outbox-file is a file, not a folder/,
  },
];

describe('problems caught before anything is queued', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  for (const c of CASES)
    it(c.why, async () => {
      p = await makeProject();
      p.writeCsv('data/c.csv', contactsCsv(2));
      expect(p.cli(['import', 'data/c.csv', '--campaign', 'pc']).status).toBe(0);
      c.edit(p);
      const lint = p.cli(['lint', '--campaign', 'pc']);
      expect(lint.status).toBe(1);
      expect(lint.stdout + lint.stderr).toMatch(c.says);
      expect(lint.stdout + lint.stderr).not.toMatch(/the row has no value/);
      const send = p.cli(['send', '--campaign', 'pc', '--send', '--no-pacing']);
      expect(send.status).toBe(1);
      expect(send.stderr).toMatch(c.says);
      expect(await p.redis.hlen(p.keys.ledger('pc'))).toBe(0);
    });

  it('a missing row value is still reported as one, through lookup too', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', 'first_name,last_name,email,institution,topic\nAda,Lovelace,ada@example.org,Example U,neuro\n');
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'pc']).status).toBe(0);
    editTemplate('Dear Dr. {{last_name}},', 'Dear Dr. {{lookup this "nickname"}},')(p);
    const lint = p.cli(['lint', '--campaign', 'pc']);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(/ada@example\.org: pc first email: nickname: missing \(the row has no value for it\)/);
  });

  it('a config file saved with a UTF-8 byte order mark is read', async () => {
    p = await makeProject();
    const file = path.join(p.dir, 'outreach.config.json');
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8')}`);
    expect(readFileSync(file)[0]).toBe(0xef);
    p.writeCsv('data/c.csv', contactsCsv(1));
    const r = p.cli(['import', 'data/c.csv', '--campaign', 'bom']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(p.cli(['lint', '--campaign', 'bom']).status).toBe(0);
  });
});
