import { afterEach, describe, expect, it } from 'vitest';
import { makeProject, type TestProject } from '../helpers/project.js';

// A failed import used to register the campaign before reading a row: `status` then listed
// it with 0 contacts and `send` said "every active contact is already queued or sent", exit 0.
const CASES: { why: string; file?: string; text?: string; says: RegExp }[] = [
  { why: 'no valid row', file: 'data/bad.csv', text: 'first_name,last_name,email\nAda,Lovelace,not-an-address\n,Turing,alan@example.org\n', says: /no valid row; campaign "x" not created/ },
  { why: 'a header without a required column', file: 'data/header.csv', text: 'first,last,mail\nAda,Lovelace,ada@example.org\n', says: /data\/header\.csv:1: header: missing column "first_name"/ },
  { why: 'a file that is not there', file: 'data/missing.csv', says: /data\/missing\.csv/ },
];

describe('a failed import does not create the campaign', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  for (const c of CASES)
    it(c.why, async () => {
      p = await makeProject();
      if (c.text !== undefined) p.writeCsv(c.file!, c.text);
      const r = p.cli(['import', c.file!, '--campaign', 'x']);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(c.says);
      expect(JSON.parse(p.cli(['status', '--json']).stdout)).toEqual([]);
      expect(await p.redis.keys(`${p.prefix}:*`)).toEqual([]);
      const send = p.cli(['send', '--campaign', 'x']);
      expect(send.status).not.toBe(0);
      expect(send.stdout).not.toMatch(/already queued or sent/);
    });

  it('a later valid import creates it', async () => {
    p = await makeProject();
    p.writeCsv('data/bad.csv', 'first_name,last_name,email\nAda,Lovelace,nope\n');
    expect(p.cli(['import', 'data/bad.csv', '--campaign', 'x']).status).toBe(1);
    p.writeCsv('data/good.csv', 'first_name,last_name,email,institution,topic\nAda,Lovelace,ada@example.org,Example U,neuro\n');
    expect(p.cli(['import', 'data/good.csv', '--campaign', 'x']).status).toBe(0);
    expect(JSON.parse(p.cli(['status', '--json']).stdout).map((s: { campaign: string; contacts: number }) => [s.campaign, s.contacts])).toEqual([['x', 1]]);
  });
});
