/** Delimiters we recognise; `;` is what Excel writes in locales where `,` is the decimal mark. */
const CANDIDATES = [',', ';', '\t'] as const;

/**
 * Picks the delimiter that occurs most often outside quotes in the header line.
 * Only the header is used: it is the one line whose cells are short names, so a `,` or
 * `;` inside a data value (an address, a paper title) cannot tip the vote.
 * Ties and a one-column header fall back to `,` (RFC 4180).
 */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [c, n] of counts) if (n > counts.get(best)!) best = c;
  return best;
}

/** The first line of decoded text, ignoring line breaks inside quotes. */
export function firstLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return text.slice(0, i);
  }
  return text;
}
