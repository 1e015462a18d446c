/** Plain-text output shared by `replies list` and `replies classify`. */

/** `text` on one line (runs of white space become one space), cut to `max` characters with "…". */
export function oneLine(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Rows (the first one the header) as aligned columns two spaces apart: every cell but a row's
 * last is padded to its column's widest, trailing blanks are trimmed, and each line ends in "\n".
 */
export function formatTable(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((t) => (t[i] ?? '').length)));
  return rows.map((t) => t.map((c, i) => (i === t.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}
