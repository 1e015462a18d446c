import { toCsvText } from '../contacts/csv-writer.js';
import { type Candidate, bestEmail, mostRecent } from './candidate.js';

/** The contract's contact columns (CLI-CONTRACT.md) plus what discover adds. */
export const OUTPUT_COLUMNS = [
  'first_name', 'last_name', 'email', 'institution', 'topic', 'timezone',
  'recent_paper_title', 'recent_paper_journal', 'recent_paper_year', 'recent_paper_pmid',
  'score', 'papers', 'orcid', 'needs_manual_lookup',
] as const;

export type OutputRow = Record<(typeof OUTPUT_COLUMNS)[number], string>;

/** "Eric C J" -> "Eric"; a fore name made only of initials is kept as it is. */
export function firstName(fore: string): string {
  const words = fore.split(/\s+/).filter(Boolean);
  const named = words.filter((w) => w.replace(/[^\p{L}]/gu, '').length > 1);
  return named.length > 0 ? named.join(' ') : words.join(' ');
}

export function toRow(c: Candidate, topic: string | undefined): OutputRow {
  const recent = mostRecent(c);
  const email = bestEmail(c) ?? '';
  return {
    first_name: firstName(c.foreName),
    last_name: c.lastName,
    email,
    institution: c.institution,
    topic: topic ?? '',
    timezone: '', // not known from PubMed; the user fills it in (or the default applies)
    recent_paper_title: recent?.article.title ?? '',
    recent_paper_journal: recent?.article.journal ?? '',
    recent_paper_year: recent?.article.year !== undefined ? String(recent.article.year) : '',
    recent_paper_pmid: recent?.article.pmid ?? '',
    score: String(c.score),
    papers: String(c.papers.length),
    orcid: c.orcid ?? '',
    needs_manual_lookup: email ? 'no' : 'yes',
  };
}

/** The candidates as CSV, through the project's one CSV writer (formula cells escaped). */
export function toCsv(rows: OutputRow[]): string {
  return toCsvText(OUTPUT_COLUMNS, rows);
}
