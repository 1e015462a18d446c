import { toCsvText } from '../contacts/csv-writer.js';
import { type Candidate, bestEmailSource, mostRecent } from './candidate.js';
import type { Place } from './place.js';
import type { Role } from './role.js';

/** The contract's contact columns (CLI-CONTRACT.md) plus what discover adds. */
export const OUTPUT_COLUMNS = [
  'first_name', 'last_name', 'email', 'institution', 'topic', 'timezone',
  'recent_paper_title', 'recent_paper_journal', 'recent_paper_year', 'recent_paper_pmid',
  'score', 'papers', 'orcid', 'needs_manual_lookup',
  // The PMID of the paper the address was taken from (its own papers, else the look-up's).
  'email_source_pmid',
  // Where and who: ISO country, U.S. state, and faculty/trainee from authorship (role.ts).
  'country', 'state', 'role',
] as const;

export type OutputRow = Record<(typeof OUTPUT_COLUMNS)[number], string>;

/** "Eric C J" -> "Eric"; a fore name made only of initials is kept as it is. */
export function firstName(fore: string): string {
  const words = fore.split(/\s+/).filter(Boolean);
  const named = words.filter((w) => w.replace(/[^\p{L}]/gu, '').length > 1);
  return named.length > 0 ? named.join(' ') : words.join(' ');
}

/** What discover found out about a candidate besides their papers. */
export interface RowContext {
  place?: Place | undefined;
  role?: Role;
}

export function toRow(c: Candidate, topic: string | undefined, ctx: RowContext = {}): OutputRow {
  const recent = mostRecent(c);
  const source = bestEmailSource(c) ?? c.lookup;
  const email = source?.email ?? '';
  return {
    first_name: firstName(c.foreName),
    last_name: c.lastName,
    email,
    institution: c.institution,
    topic: topic ?? '',
    timezone: ctx.place?.timeZone ?? '', // IANA, from the state or city (U.S. only)
    recent_paper_title: recent?.article.title ?? '',
    recent_paper_journal: recent?.article.journal ?? '',
    recent_paper_year: recent?.article.year !== undefined ? String(recent.article.year) : '',
    recent_paper_pmid: recent?.article.pmid ?? '',
    score: String(c.score),
    papers: String(c.papers.length),
    orcid: c.orcid ?? '',
    needs_manual_lookup: email ? 'no' : 'yes',
    email_source_pmid: source?.pmid ?? '',
    country: ctx.place?.country ?? '',
    state: ctx.place?.state ?? '',
    role: ctx.role ?? '',
  };
}

/** The candidates as CSV, through the project's one CSV writer (formula cells escaped). */
export function toCsv(rows: OutputRow[]): string {
  return toCsvText(OUTPUT_COLUMNS, rows);
}
