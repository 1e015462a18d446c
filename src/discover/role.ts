import type { Candidate } from './candidate.js';

/** `faculty`, `trainee`, or '' when the papers don't tell. */
export type Role = 'faculty' | 'trainee' | '';

/** How many years back a first authorship counts as recent. */
const RECENT_YEARS = 3;
/** A trainee has at most this many papers in the set. */
const TRAINEE_MAX_PAPERS = 3;

/**
 * Who this looks like, from authorship alone (the `role` column; a template can greet each
 * differently). Faculty: senior (last or sole) author on at least two papers, because
 * principal investigators sign last and do so repeatedly. Trainee: never senior author, first
 * author of a paper from the last three years, and few papers in all, the pattern of a
 * resident or fellow writing up a project. Anyone else is left blank rather than guessed.
 */
export function roleOf(c: Pick<Candidate, 'papers'>, now = new Date().getUTCFullYear()): Role {
  let senior = 0;
  let recentFirst = 0;
  for (const p of c.papers) {
    if (p.position === 'last' || p.position === 'sole') senior++;
    if (p.position === 'first' && (p.article.year ?? 0) >= now - RECENT_YEARS) recentFirst++;
  }
  if (senior >= 2) return 'faculty';
  if (senior === 0 && recentFirst > 0 && c.papers.length <= TRAINEE_MAX_PAPERS) return 'trainee';
  return '';
}
