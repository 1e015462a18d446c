import { type Article, type Author, newestFirst } from './article.js';

/** One paper of one candidate, with the author's position on it. */
export interface Authorship {
  article: Pick<Article, 'pmid' | 'title' | 'journal' | 'year'>;
  position: 'first' | 'last' | 'middle' | 'sole';
  affiliations: string[];
  emails: string[];
  /** The other authors of the paper ("Nogueira RG"), for telling namesakes apart. */
  coauthors?: string[];
}

/** Score parts, shown by `--explain`. */
export interface ScoreParts {
  papers: number;
  senior: number;
  first: number;
  recency: number;
  topic: number;
  imaging: number;
}

/** One person across papers (merged by ORCID, else normalised name and institution). */
export interface Candidate {
  key: string;
  lastName: string;
  foreName: string;
  orcid: string | undefined;
  emails: string[];
  institution: string;
  /** The affiliation `institution` was read from. */
  affiliation: string;
  papers: Authorship[];
  parts: ScoreParts;
  score: number;
  /** An address found on another paper of this person (lookup/), with where it came from. */
  lookup?: { email: string; pmid: string; year: number | undefined };
}

export function positionOf(i: number, n: number): Authorship['position'] {
  if (n === 1) return 'sole';
  if (i === 0) return 'first';
  return i === n - 1 ? 'last' : 'middle';
}

/** The longest fore name seen wins ("Eric C J" over "E C"). */
export function betterForeName(a: string, b: Author['foreName']): string {
  return b.replace(/[^\p{L}]/gu, '').length > a.replace(/[^\p{L}]/gu, '').length ? b : a;
}

/** Papers newest first. */
export function byRecencyFirst(c: Candidate): Authorship[] {
  return [...c.papers].sort((x, y) => newestFirst(x.article, y.article));
}

/** The most recent paper (then the highest PMID, the newest record). */
export function mostRecent(c: Candidate): Authorship | undefined {
  return byRecencyFirst(c)[0];
}

/** The address given on the most recent paper that gives one, and that paper's PMID. */
export function bestEmailSource(c: Candidate): { email: string; pmid: string } | undefined {
  const p = byRecencyFirst(c).find((x) => x.emails.length > 0);
  return p ? { email: p.emails[0]!, pmid: p.article.pmid } : undefined;
}
