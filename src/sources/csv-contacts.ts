import { REQUIRED_COLUMNS, validateRow, type RowResult } from '../contacts/contact.js';
import { UserError } from '../errors/user-error.js';
import { readCsvRecords, type CsvReadOptions } from './csv-records.js';

export { readCsvRecords, type CsvReadOptions, type CsvRecord } from './csv-records.js';

/**
 * Streams a contacts CSV (CLI-CONTRACT.md, "Contacts CSV") as validated rows.
 * File-level problems (missing file, bad encoding, a header we cannot trust) throw a
 * UserError, since no row could be read correctly; a bad row is yielded as an error
 * result naming its line and field and reading goes on (ARCHITECTURE.md, invariant 5).
 */
export async function* readContactsCsv(
  file: string,
  opts: Omit<CsvReadOptions, 'onHeader'> = {},
): AsyncGenerator<RowResult> {
  const onHeader = (columns: string[]): void => {
    const missing = REQUIRED_COLUMNS.find((c) => !columns.includes(c));
    if (missing) {
      throw new UserError(`header: missing column "${missing}"`, {
        where: `${file}:1`,
        hint: `a contacts CSV needs the columns ${REQUIRED_COLUMNS.join(', ')}; found: ${columns.join(', ')}`,
      });
    }
  };
  for await (const { line, record, problem } of readCsvRecords(file, { ...opts, onHeader })) {
    yield problem ? { ok: false, line, field: '(row)', reason: problem } : validateRow(line, record);
  }
}
