import { UserError } from '../errors/user-error.js';

/**
 * "First Name" → "first_name": trim, lowercase, runs of spaces/hyphens to one underscore,
 * and any BOM dropped (a BOM left by a second encoding pass would otherwise hide in the
 * first column name and make `first_name` look missing).
 */
export function normaliseHeader(name: string): string {
  return name.replace(/\uFEFF/g, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Normalises the header cells and rejects names that would make rows ambiguous. */
export function checkHeader(file: string, cells: string[]): string[] {
  const where = `${file}:1`;
  const names = cells.map(normaliseHeader);
  const empty = names.indexOf('');
  if (names.length === 0 || empty !== -1) {
    throw new UserError('header: empty column name', {
      where,
      hint:
        names.length <= 1
          ? 'the first line must name the columns, e.g. first_name,last_name,email'
          : `column ${empty + 1} has no name; name it or remove it (a trailing delimiter on the first line makes an empty column)`,
    });
  }
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) {
      throw new UserError(`header: duplicate column "${n}"`, {
        where,
        hint: 'column names must be unique after normalising (case, spaces and hyphens are ignored); rename or remove one',
      });
    }
    seen.add(n);
  }
  return names;
}
