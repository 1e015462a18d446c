// Contacts CSV reading: delimiters, line numbers, row errors, header errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContactsCsv } from '../../src/sources/csv-contacts.js';
import { UserError } from '../../src/errors/user-error.js';
import type { RowResult } from '../../src/contacts/contact.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-contacts-'));
let n = 0;
function csv(content: string | Buffer): string {
  const file = join(dir, `c${n++}.csv`);
  writeFileSync(file, content);
  return file;
}

async function rows(file: string, opts = {}): Promise<RowResult[]> {
  const out: RowResult[] = [];
  for await (const r of readContactsCsv(file, opts)) out.push(r);
  return out;
}

async function failure(file: string, opts = {}): Promise<UserError> {
  const err = await rows(file, opts).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('readContactsCsv', () => {
  it('detects ";" from the header and normalises header names', async () => {
    const file = csv('First Name;Last-Name; EMAIL ;Institution\nAda;Lovelace;ada@example.org;Univ. of London, UK\n');
    expect(await rows(file)).toEqual([
      { ok: true, line: 2, row: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.org', institution: 'Univ. of London, UK' } },
    ]);
  });

  it('detects tabs, and a forced delimiter overrides detection', async () => {
    const tabbed = csv('first_name\tlast_name\temail\nAda\tLovelace\tada@example.org\n');
    expect(await rows(tabbed)).toMatchObject([{ ok: true, row: { email: 'ada@example.org' } }]);
    expect(await rows(tabbed, { delimiter: 'tab' })).toMatchObject([{ ok: true, row: { email: 'ada@example.org' } }]);
    const err = await failure(tabbed, { delimiter: ',' });
    expect(err.line()).toBe(`${tabbed}:1: header: missing column "first_name"`);
  });

  it('gives the start line of each record across CRLF, quoted newlines and blank lines', async () => {
    const file = csv(
      'first_name,last_name,email,topic\r\n' +
        'Ada,Lovelace,ada@example.org,"neuro\r\nimaging\r\nAI"\r\n' + // lines 2-4
        '\r\n' + // line 5, blank
        'Alan,Turing,not-an-email,chest\r\n' + // line 6, bad email
        '"Grace\nMurray",Hopper,grace@example.org,\r\n' + // lines 7-8, a line break where a header can't take one
        'Marie,Curie,marie@example.org,"onco ""nuclear"""', // line 9, no final newline
    );
    expect(await rows(file)).toEqual([
      { ok: true, line: 2, row: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.org', topic: 'neuro\r\nimaging\r\nAI' } },
      { ok: false, line: 6, field: 'email', reason: 'invalid address' },
      { ok: false, line: 7, field: 'first_name', reason: 'line break in a value that goes into a header' },
      { ok: true, line: 9, row: { first_name: 'Marie', last_name: 'Curie', email: 'marie@example.org', topic: 'onco "nuclear"' } },
    ]);
  });

  it('reports rows with the wrong number of columns or a missing field and goes on', async () => {
    const file = csv(
      'first_name,last_name,email,institution,topic\n' +
        'A,B,a@example.org,X,Y,extra,more\n' +
        ',B,b@example.org,X,Y\n' +
        'C,D,c@example.org\n' +
        'E,F,e@example.org,X,Y\n',
    );
    expect(await rows(file)).toEqual([
      { ok: false, line: 2, field: '(row)', reason: 'expected 5 columns, found 7' },
      { ok: false, line: 3, field: 'first_name', reason: 'required' },
      { ok: false, line: 4, field: '(row)', reason: 'expected 5 columns, found 3' },
      { ok: true, line: 5, row: { first_name: 'E', last_name: 'F', email: 'e@example.org', institution: 'X', topic: 'Y' } },
    ]);
  });

  it('refuses a header without a required column, listing the required ones', async () => {
    const file = csv('first_name,last_name,mail\nA,B,a@example.org\n');
    const err = await failure(file);
    expect(err.line()).toBe(`${file}:1: header: missing column "email"`);
    expect(err.hint).toContain('first_name, last_name, email');
  });

  it('refuses duplicate header names after normalisation', async () => {
    const file = csv('First Name,first_name,last_name,email\n');
    expect((await failure(file)).line()).toBe(`${file}:1: header: duplicate column "first_name"`);
  });

  it('refuses an empty column name, an empty first line and an empty file', async () => {
    for (const content of ['first_name,last_name,email,\nA,B,a@example.org,\n', '\nfirst_name,last_name,email\n', '']) {
      const file = csv(content);
      const err = await failure(file);
      expect(err.line()).toBe(`${file}:1: header: empty column name`);
      expect(err.hint).toBeTruthy();
    }
  });

  it('reads UTF-16BE with a BOM', async () => {
    const text = 'first_name,last_name,email\nJosé,Núñez,jose@example.org\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) (be[i] = le[i + 1]!), (be[i + 1] = le[i]!);
    const file = csv(Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect(await rows(file)).toEqual([{ ok: true, line: 2, row: { first_name: 'José', last_name: 'Núñez', email: 'jose@example.org' } }]);
  });

  it('reads a forced latin1 file as Windows-1252 (curly quotes, accents)', async () => {
    const file = csv(Buffer.from([...Buffer.from('first_name,last_name,email,topic\nRen'), 0xe9, ...Buffer.from(',Dupont,r@example.org,'), 0x93, 0x6e, 0x65, 0x75, 0x72, 0x6f, 0x94, 0x0a]));
    expect(await rows(file, { encoding: 'latin1' })).toEqual([
      { ok: true, line: 2, row: { first_name: 'René', last_name: 'Dupont', email: 'r@example.org', topic: '\u201cneuro\u201d' } },
    ]);
  });

  it('names the missing file', async () => {
    const file = join(dir, 'nope.csv');
    const err = await failure(file);
    expect(err.line()).toBe(`${file}: file not found`);
    expect(err.hint).toBeTruthy();
  });

  it('names the line of an unclosed quote', async () => {
    const file = csv('first_name,last_name,email\nA,B,a@example.org\n"C,D,c@example.org\n');
    const err = await failure(file);
    expect(err.where).toBe(`${file}:3`);
    expect(err.message).toMatch(/invalid CSV/);
    expect(err.message).not.toMatch(/line/); // only our line number, in `where`
  });
});
