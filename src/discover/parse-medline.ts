import { type Article, type Author, type IssueSink, collapse, dropSuffix, normaliseOrcid, yearOf } from './article.js';
import { attributeEmails } from './emails.js';
import { lines } from './lines.js';

// A tag line: up to four capitals, padding, "-", a space, the value ("PMID- 1", "AU  - X").
// Malformed exports drop the space ("PMID-22664220"), so it is optional.
const TAG = /^([A-Z]{2,4})\s*-\s?(.*)$/;

interface Field {
  tag: string;
  value: string;
  line: number;
}

/**
 * Streams the "PubMed" (MEDLINE text) format saved from the website (.nbib/.txt,
 * https://www.nlm.nih.gov/bsd/mms/medlineelements.html): records are separated by blank
 * lines, continuation lines start with spaces. One record is held at a time.
 */
export async function* parseMedline(
  input: AsyncIterable<string | Buffer>,
  opts: { source?: string; onIssue?: IssueSink } = {},
): AsyncGenerator<Article> {
  const source = opts.source ?? 'medline';
  let rec: Field[] = [];
  let n = 0;
  const flush = (): Article | undefined => {
    const fields = rec;
    rec = [];
    if (fields.length === 0) return undefined;
    const art = toArticle(fields);
    if (!art) opts.onIssue?.({ where: `${source}:${fields[0]!.line}`, reason: 'record has no PMID; skipped' });
    return art;
  };
  for await (const raw of lines(input)) {
    n++;
    if (raw.trim() === '') {
      const a = flush();
      if (a) yield a;
      continue;
    }
    const last = rec[rec.length - 1];
    if (/^\s/.test(raw)) {
      if (last) last.value += ' ' + raw.trim();
      continue;
    }
    const m = TAG.exec(raw);
    if (!m) continue; // junk between records (seen in edited test files)
    // A second PMID without a blank line in between starts a new record.
    if (m[1] === 'PMID' && rec.some((f) => f.tag === 'PMID')) {
      const a = flush();
      if (a) yield a;
    }
    rec.push({ tag: m[1]!, value: m[2]!, line: n });
  }
  const a = flush();
  if (a) yield a;
}

function toArticle(fields: Field[]): Article | undefined {
  const pmid = fields.find((f) => f.tag === 'PMID')?.value.trim();
  if (!pmid || !/^\d+$/.test(pmid)) return undefined;
  const authors: Author[] = [];
  let cur: Author | undefined;
  let fromFau = false;
  const pendingAd: string[] = [];
  let title = '';
  let jt = '';
  let ta = '';
  let dp: string | undefined;
  for (const { tag, value } of fields) {
    const v = collapse(value);
    if (tag === 'TI') title = title ? `${title} ${v}` : v;
    else if (tag === 'JT') jt ||= v;
    else if (tag === 'TA') ta ||= v;
    else if (tag === 'DP') dp ??= v;
    else if (tag === 'FAU' && v) {
      const [last, fore] = splitOnce(v, ',');
      cur = { lastName: last, foreName: dropSuffix(fore), initials: '', affiliations: [], emails: [] };
      authors.push(cur);
      fromFau = true;
    } else if (tag === 'AU' && v) {
      if (fromFau && cur) {
        cur.initials = dropSuffix(initialsFromAu(v, cur.lastName));
        fromFau = false;
      } else {
        // Old records carry only AU ("Smith JA"): the last word is the initials.
        const au = dropSuffix(v);
        const sp = au.lastIndexOf(' ');
        const last = sp > 0 ? au.slice(0, sp) : au;
        const ini = sp > 0 ? au.slice(sp + 1) : '';
        cur = { lastName: last, foreName: ini, initials: ini, affiliations: [], emails: [] };
        authors.push(cur);
      }
    } else if (tag === 'AD' && v) {
      if (cur) cur.affiliations.push(v);
      else pendingAd.push(v);
    } else if (tag === 'AUID' && cur && /orcid/i.test(v)) {
      cur.orcid ??= normaliseOrcid(v);
    }
  }
  if (pendingAd.length > 0 && authors[0]) authors[0].affiliations.unshift(...pendingAd);
  for (const a of authors) if (a.orcid === undefined) delete a.orcid;
  attributeEmails(authors);
  return { pmid, title, journal: jt || ta, year: yearOf(dp), authors };
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s.trim(), ''] : [s.slice(0, i).trim(), s.slice(i + 1).trim()];
}

/** "Sen Gupta A" with last name "Sen Gupta" -> "A". */
function initialsFromAu(au: string, lastName: string): string {
  if (au.startsWith(lastName)) return au.slice(lastName.length).trim();
  const sp = au.lastIndexOf(' ');
  return sp > 0 ? au.slice(sp + 1) : '';
}
