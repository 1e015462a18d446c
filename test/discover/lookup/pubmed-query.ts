import type { PubmedRecord } from './pubmed-records.js';

/**
 * A small evaluator of PubMed's query language (https://pubmed.ncbi.nlm.nih.gov/help/#search-tags),
 * enough for what `discover` sends: AND/OR/NOT, parentheses, quoted or bare phrases with a field
 * tag ([au], [fau], [ad], [dp], [ti], [tiab]; untagged = title and abstract), and date ranges
 * `"2020/01/01"[dp] : "3000"[dp]`. [au] without quotes truncates as PubMed does ("smith j"
 * finds "Smith JA"); in quotes it is exact. [ad] matches a phrase in any author's affiliation,
 * as PubMed's does (it does not bind to the author searched). Anything else is an error.
 */
export type Predicate = (r: PubmedRecord) => boolean;

type Token = { kind: 'op'; v: 'AND' | 'OR' | 'NOT' } | { kind: '(' | ')' | ':' } | { kind: 'text'; v: string; quoted: boolean } | { kind: 'tag'; v: string };

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\()|(\))|(:)|"([^"]*)"|\[([^\]]+)\]|([^\s()"[\]:]+))/y;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(q)) && m[0].length > 0) {
    at = re.lastIndex;
    if (m[1]) out.push({ kind: '(' });
    else if (m[2]) out.push({ kind: ')' });
    else if (m[3]) out.push({ kind: ':' });
    else if (m[4] !== undefined) out.push({ kind: 'text', v: m[4], quoted: true });
    else if (m[5]) out.push({ kind: 'tag', v: m[5].trim().toLowerCase() });
    else if (/^(AND|OR|NOT)$/.test(m[6]!)) out.push({ kind: 'op', v: m[6] as 'AND' | 'OR' | 'NOT' });
    else out.push({ kind: 'text', v: m[6]!, quoted: false });
  }
  if (at < q.trimEnd().length) throw new Error(`cannot read the query at ${at}`);
  return out;
}

const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const words = (s: string): string => ` ${fold(s).replace(/[^a-z0-9]+/g, ' ').trim()} `;

export function parseQuery(q: string): Predicate {
  const t = tokenize(q);
  let i = 0;
  const peek = (): Token | undefined => t[i];
  const or = (): Predicate => {
    let left = and();
    while (peek()?.kind === 'op' && (peek() as { v: string }).v === 'OR') {
      i++;
      const l = left, r = and();
      left = (x) => l(x) || r(x);
    }
    return left;
  };
  const and = (): Predicate => {
    let left = not();
    for (;;) {
      const p = peek();
      if (p?.kind === 'op' && p.v === 'AND') i++;
      else if (!(p && (p.kind === 'text' || p.kind === '('))) return left; // adjacent terms are ANDed
      const l = left, r = not();
      left = (x) => l(x) && r(x);
    }
  };
  const not = (): Predicate => {
    let left = unary();
    while (peek()?.kind === 'op' && (peek() as { v: string }).v === 'NOT') {
      i++;
      const l = left, r = unary();
      left = (x) => l(x) && !r(x);
    }
    return left;
  };
  const unary = (): Predicate => {
    const p = t[i++];
    if (p?.kind === '(') {
      const e = or();
      if (t[i++]?.kind !== ')') throw new Error('unbalanced parentheses');
      return e;
    }
    if (p?.kind !== 'text') throw new Error(`unexpected ${p ? p.kind : 'end of query'}`);
    // A run of bare words up to a tag is one phrase ("Haussen DC[au]").
    const parts = [p.v];
    let quoted = p.quoted;
    while (!quoted && peek()?.kind === 'text' && !(peek() as { quoted: boolean }).quoted && lookaheadTag()) parts.push((t[i++] as { v: string }).v);
    const tag = peek()?.kind === 'tag' ? (t[i++] as { v: string }).v : undefined;
    if (peek()?.kind === ':') {
      i++;
      const hi = t[i++];
      if (hi?.kind !== 'text') throw new Error('range without an upper bound');
      if (peek()?.kind === 'tag') i++;
      return dateRange(parts.join(' '), hi.v, tag);
    }
    return field(parts.join(' '), quoted, tag);
  };
  /** Is there a tag after the current run of bare words (so they form one phrase)? */
  const lookaheadTag = (): boolean => {
    for (let j = i; j < t.length; j++) {
      const x = t[j]!;
      if (x.kind === 'tag') return true;
      if (x.kind !== 'text' || x.quoted) return false;
    }
    return false;
  };
  const e = or();
  if (i < t.length) throw new Error(`unexpected ${t[i]!.kind} at the end`);
  return e;
}

function field(phrase: string, quoted: boolean, tag: string | undefined): Predicate {
  const p = fold(phrase).replace(/[,.]/g, ' ').replace(/\s+/g, ' ').trim();
  const name = (s: string): string => fold(s).replace(/[,.]/g, ' ').replace(/\s+/g, ' ').trim();
  const matches = (s: string): boolean => (quoted ? s === p : s === p || s.startsWith(`${p}`));
  switch (tag) {
    case 'au':
    case 'author':
      return (r) => r.authors.some((a) => matches(name(`${a.last} ${a.initials}`)) || matches(name(`${a.last} ${a.fore}`)));
    case 'fau':
    case 'author - full':
      return (r) => r.authors.some((a) => matches(name(`${a.last} ${a.fore}`)));
    case 'ad':
    case 'affiliation':
      return (r) => r.authors.some((a) => a.affiliations.some((x) => words(x).includes(words(phrase))));
    case 'ti':
    case 'title':
      return (r) => words(r.title).includes(words(phrase));
    case 'dp':
    case 'pdat':
    case 'date - publication':
      return dateRange(phrase, phrase, tag);
    case undefined:
    case 'tiab':
    case 'title/abstract':
      return (r) => words(phrase).trim().split(' ').every((w) => words(`${r.title} ${r.abstract}`).includes(` ${w} `));
    default:
      throw new Error(`unknown field tag [${tag}]`);
  }
}

/** "2019" -> 2019/01/01 .. 2019/12/31; "2019/03" -> that month; "3000" as an open end. */
function dateRange(lo: string, hi: string, tag: string | undefined): Predicate {
  if (tag && !['dp', 'pdat', 'date - publication'].includes(tag)) throw new Error(`a range needs a date tag, not [${tag}]`);
  const from = pad(lo, '01');
  const to = pad(hi, '31');
  return (r) => r.date >= from && r.date <= to;
}

function pad(d: string, fill: string): string {
  const [y, m, day] = d.split(/[/-]/);
  return `${y}/${m ?? (fill === '01' ? '01' : '12')}/${day ?? fill}`;
}
