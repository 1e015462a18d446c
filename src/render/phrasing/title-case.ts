// Words that stay lower case inside a title (Chicago Manual of Style, 8.159).
const MINOR = new Set(['a', 'an', 'the', 'and', 'but', 'or', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'with', 'from', 'as', 'via', 'vs', 'per', 'into', 'upon', '&']);

function capitalise(word: string): string {
  // "MethodsX", "JAMA", "mHealth", "BMC": a word that already has a capital after its first letter is left as written.
  if (/\p{Lu}/u.test(word.slice(1))) return word;
  return word.replace(/\p{L}/u, (c) => c.toUpperCase());
}

/** "Seminars in interventional radiology" -> "Seminars in Interventional Radiology". */
export function titleCase(s: string): string {
  return s
    .split(' ')
    .map((word, i, all) => {
      const bare = word.toLowerCase().replace(/[^\p{L}&]/gu, '');
      const first = i === 0 || /[:.]$/.test(all[i - 1] ?? '');
      if (!first && i !== all.length - 1 && MINOR.has(bare)) return word.toLowerCase();
      return word.split('-').map(capitalise).join('-');
    })
    .join(' ');
}
