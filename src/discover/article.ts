/** One author of one article, as every reader (efetch XML, MEDLINE text, PubMed CSV) yields it. */
export interface Author {
  lastName: string;
  foreName: string;
  initials: string;
  /** Bare 16-character ORCID iD (0000-0000-0000-000X), no URL. */
  orcid?: string;
  /** Every affiliation of this author, whitespace collapsed. */
  affiliations: string[];
  /** Addresses attributed to this author (see emails.ts for the rules). */
  emails: string[];
}

export interface Article {
  pmid: string;
  title: string;
  journal: string;
  /** Publication year, or undefined when the record gives none. */
  year: number | undefined;
  authors: Author[];
}

/** Newest first: by year (none counts as 0), then the higher PMID, the newer record. */
export function newestFirst(x: Pick<Article, 'year' | 'pmid'>, y: Pick<Article, 'year' | 'pmid'>): number {
  return (y.year ?? 0) - (x.year ?? 0) || Number(y.pmid) - Number(x.pmid);
}

/** A record a reader could not use: reported with where it is, then skipped (ARCHITECTURE.md, invariant 5). */
export interface ParseIssue {
  where: string;
  reason: string;
}

export type IssueSink = (issue: ParseIssue) => void;

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** ORCID in any written form (bare, URL, with "ORCID:" prefix) to the bare iD. */
export function normaliseOrcid(raw: string): string | undefined {
  const m = /(\d{4}-?\d{4}-?\d{4}-?\d{3}[\dXx])/.exec(raw);
  if (!m) return undefined;
  const d = m[1]!.replace(/-/g, '').toUpperCase();
  return `${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8, 12)}-${d.slice(12)}`;
}

/** First four-digit year in a date string ("2000 Oct-Dec", "2023/12/13"). */
export function yearOf(s: string | undefined): number | undefined {
  const m = s ? /\b(1[89]\d\d|20\d\d)\b/.exec(s) : null;
  return m ? Number(m[1]) : undefined;
}

const NO_DECOMPOSITION: Record<string, string> = { ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ß: 'ss', ı: 'i' };

/**
 * Text without accents ("Tønnesen" -> "Tonnesen", "Hôpital" -> "Hopital"): older PubMed
 * exports are ASCII-folded like this, so names from the two must be compared folded.
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[øØłŁđĐæÆœŒßı]/g, (c) => NO_DECOMPOSITION[c] ?? c);
}

/** Lower-case ASCII words separated by single spaces: "Coeur d'Alene" -> "coeur d alene". */
export function words(s: string): string {
  return fold(s).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Generational suffixes MEDLINE appends to the fore name and initials ("C E 2nd", "GW Jr"); efetch XML has them in <Suffix>. */
export function dropSuffix(s: string): string {
  return s.replace(/\s+(Jr|Sr|2nd|3rd|4th|II|III|IV)\.?$/, '');
}
