import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Article, Author, IssueSink } from './article.js';

/**
 * Streams the CSV that the PubMed website exports ("Save" -> CSV). It has no affiliation or
 * e-mail column, so every author comes out with none: those candidates need a manual look-up.
 */
export async function* parsePubmedCsv(
  input: AsyncIterable<string | Buffer>,
  opts: { source?: string; onIssue?: IssueSink } = {},
): AsyncGenerator<Article> {
  const parser = Readable.from(input).pipe(
    parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    const r = rec.record;
    const pmid = (r['PMID'] ?? '').trim();
    if (!/^\d+$/.test(pmid)) {
      opts.onIssue?.({ where: `${opts.source ?? 'csv'}:${rec.info.lines}: PMID`, reason: 'missing or not a number; skipped' });
      continue;
    }
    const year = Number((r['Publication Year'] ?? '').trim());
    yield {
      pmid,
      title: (r['Title'] ?? '').trim(),
      journal: (r['Journal/Book'] ?? '').trim(),
      year: Number.isInteger(year) && year > 0 ? year : undefined,
      authors: splitAuthors(r['Authors'] ?? ''),
    };
  }
}

/** "Lim SM, Shiau CWC, Lau Y." -> authors; the last word of each name is its initials (also the fore name: nothing better is known). */
export function splitAuthors(s: string): Author[] {
  return s
    .replace(/\.\s*$/, '')
    .split(/,\s*/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0)
    .map((n) => {
      const sp = n.lastIndexOf(' ');
      const lastName = sp > 0 ? n.slice(0, sp) : n;
      const initials = sp > 0 ? n.slice(sp + 1) : '';
      return { lastName, foreName: initials, initials, affiliations: [], emails: [] };
    });
}
