// csv-parse's own issue reproductions (test/fixtures/csv/PROVENANCE.md): BOMs, UTF-16,
// Latin-1 bytes, an empty header, and a contacts file with a trailing delimiter.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readContactsCsv, readCsvRecords } from '../../src/sources/csv-contacts.js';
import { UserError } from '../../src/errors/user-error.js';

const dir = join(import.meta.dirname, '../fixtures/csv/node-csv');

async function records(file: string, opts = {}) {
  const out = [];
  for await (const r of readCsvRecords(file, opts)) out.push(r);
  return out;
}

async function failure(run: () => Promise<unknown>): Promise<UserError> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('node-csv cases', () => {
  it('365: UTF-16LE with BOM and CRLF decodes, BOM not in the first column name', async () => {
    expect(await records(join(dir, '365-utf16le-bom-windows.csv'))).toEqual([{ line: 2, record: { a: '1', b: '2', c: '3' } }]);
  });

  it('365: UTF-8 with BOM, CRLF and no final newline', async () => {
    expect(await records(join(dir, '365-utf8-bom-windows.csv'))).toEqual([{ line: 2, record: { a: '1', b: '2', c: '3' } }]);
  });

  it('327: Latin-1 bytes fail naming file and line, with a hint', async () => {
    const file = join(dir, '327.cws.csv');
    const err = await failure(() => records(file));
    expect(err.line()).toBe(`${file}:2: not valid UTF-8`);
    expect(err.hint).toMatch(/UTF-8/);
    expect(err.hint).toMatch(/--encoding latin1/);
  });

  it('327: decodes with encoding latin1', async () => {
    expect(await records(join(dir, '327.cws.csv'), { encoding: 'latin1' })).toEqual([
      { line: 2, record: { field1: 'Acentuação1', field2: 'acentuação2' } },
    ]);
  });

  it('399: a header that is one empty quoted cell is refused', async () => {
    const file = join(dir, '399.csv');
    const err = await failure(() => records(file));
    expect(err.line()).toBe(`${file}:1: header: empty column name`);
    expect(err.hint).toBeTruthy();
  });

  it('411: contacts with a BOM; the row with a trailing delimiter is reported, the others read', async () => {
    const out = [];
    for await (const r of readContactsCsv(join(dir, '411.csv'))) out.push(r);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ ok: true, line: 2, row: { id: '1', first_name: 'Ring', email: 'rgrinyov0@weebly.com' } });
    expect(out[1]).toEqual({ ok: false, line: 3, field: '(row)', reason: 'expected 5 columns, found 6' });
    expect(out[2]).toMatchObject({ ok: true, line: 4, row: { first_name: 'Cammi', last_name: 'Bendix' } });
  });
});
