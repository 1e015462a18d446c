import { stringify } from 'csv-stringify/sync';

/**
 * Rows written as CSV through csv-stringify (node-csv, the same project as our csv-parse):
 * quoting as RFC 4180 asks, and `escape_formulas`, which prefixes a cell starting with
 * = + - @ (or tab, CR, or their full-width forms) with ' so a spreadsheet shows it as text
 * instead of running it (OWASP "CSV Injection").
 */
export function toCsvText<K extends string>(columns: readonly K[], rows: Record<K, string>[]): string {
  return stringify(rows, { header: true, columns: [...columns], escape_formulas: true, record_delimiter: 'unix' });
}
