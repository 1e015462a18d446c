/**
 * A paper title as it sits inside a sentence. PubMed ends most titles with a period
 * ("First-Pass Complete Reperfusion.") and wraps translated titles in brackets
 * ("[Systemic lupus ... : a case report]."); a person quoting the title writes neither.
 * "?" and "!" belong to the title and stay.
 */
export function cleanTitle(raw: string): string {
  let t = raw.replace(/\s+/g, ' ').trim();
  // "[Translated title]." -> "Translated title"
  const bracketed = /^\[(.*)\]\.?$/.exec(t);
  if (bracketed) t = bracketed[1]!.trim();
  // NLM's spaced colon ("... and BGC : The PROTECT(PLUS) Technique") is written ": " in prose.
  t = t.replace(/\s+:\s+/g, ': ');
  // One trailing period, but not an ellipsis.
  if (/[^.]\.$/.test(t)) t = t.slice(0, -1).trimEnd();
  // Double quotes inside the title become single ones, so our quotes stay unambiguous.
  return t.replace(/["\u201C\u201D]/g, "'");
}

/** Ends with its own punctuation mark ("Is cryopreservation a homogeneous process?"). */
export function endsWithMark(title: string): boolean {
  return /[?!]$/.test(title);
}

/**
 * The title in double quotes, followed by the sentence's punctuation `after` (",", "." or "")
 * the U.S. way: a comma or period goes inside the closing quote; when the title already ends
 * with "?" or "!", that mark ends it and `after` is dropped.
 */
export function quoteTitle(raw: string, after = ''): string {
  const t = cleanTitle(raw);
  if (t === '') return '';
  if (endsWithMark(t)) return `"${t}"`;
  const mark = after === ',' || after === '.' ? after : '';
  return `"${t}${mark}"`;
}
