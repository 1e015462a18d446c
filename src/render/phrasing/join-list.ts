/**
 * Items joined the way a sentence lists them: "A", "A and B", "A, B, and C". The serial
 * comma is AMA style, which U.S. medical writing follows. Empty items are dropped; a single
 * string is split on ";" (a CSV cell "chart review; REDCap; statistics in R").
 */
export function joinList(items: readonly unknown[], conjunction = 'and'): string {
  const flat = items
    .flatMap((i) => (Array.isArray(i) ? i : typeof i === 'string' && items.length === 1 ? i.split(';') : [i]))
    .map((i) => String(i ?? '').trim())
    .filter((i) => i !== '');
  if (flat.length <= 1) return flat.join('');
  if (flat.length === 2) return `${flat[0]} ${conjunction} ${flat[1]}`;
  return `${flat.slice(0, -1).join(', ')}, ${conjunction} ${flat[flat.length - 1]}`;
}
