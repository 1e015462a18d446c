// The UTF-8 decoder must not break characters split across stream chunks, and must name
// the right line for a bad byte far into a file (many chunks in).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/sources/csv-contacts.js';
import { UserError } from '../../src/errors/user-error.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-utf8-'));
const ROWS = 20_000; // ~600 KB: the file crosses many 64 KB chunk boundaries

describe('strict UTF-8 decoding', () => {
  it('decodes multi-byte characters that straddle chunk boundaries', async () => {
    const cell = (i: number) => `名前ʤ😀${'é'.repeat(i % 7)}${i}`; // 1-4 byte characters, varying lengths
    const lines = ['id,name'];
    for (let i = 0; i < ROWS; i++) lines.push(`${i},${cell(i)}`);
    const file = join(dir, 'multibyte.csv');
    writeFileSync(file, lines.join('\n'));
    let i = 0;
    for await (const { line, record } of readCsvRecords(file)) {
      expect(record).toEqual({ id: String(i), name: cell(i) });
      expect(line).toBe(i + 2);
      i++;
    }
    expect(i).toBe(ROWS);
  });

  it('names the line of a Latin-1 byte deep in the file', async () => {
    const lines = ['id,name'];
    for (let i = 0; i < ROWS; i++) lines.push(`${i},caf${i === 15_000 ? '\xe9' : 'é'}`);
    const file = join(dir, 'latin1-late.csv');
    // Latin-1 encode only the bad line; the rest stays UTF-8, as in a hand-edited file.
    const bad = 15_000 + 1; // index in `lines`
    writeFileSync(file, Buffer.concat(lines.map((l, i) => Buffer.from(l + '\n', i === bad ? 'latin1' : 'utf8'))));
    let seen = 0;
    const err = await (async () => {
      for await (const _ of readCsvRecords(file)) seen++;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).line()).toBe(`${file}:${bad + 1}: not valid UTF-8`);
    expect(seen).toBeGreaterThan(0); // rows before the bad chunk were streamed, not buffered
  });
});
