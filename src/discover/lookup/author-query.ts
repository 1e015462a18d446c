import type { Candidate } from '../candidate.js';
import { givenNameOf, initialsOf } from './person-name.js';

const clean = (s: string): string => s.replace(/["\[\]()]/g, ' ').replace(/\s+/g, ' ').trim();

export interface AuthorQuery {
  term: string;
  /** Set when the query is narrowed to the candidate's institution. */
  narrowedTo?: string;
}

/**
 * The PubMed query for a candidate's other papers (https://pubmed.ncbi.nlm.nih.gov/help/#author-search):
 * `Last Initials[au]`, OR the full name in [fau] when the first name is known (papers that give
 * only "D" for "Diogo C" are then still found). When only initials are known the name is too
 * loose to search alone ("Kim J"), so it is narrowed to the candidate's institution in [ad].
 */
export function authorQuery(c: Pick<Candidate, 'lastName' | 'foreName' | 'institution'>): AuthorQuery {
  const last = clean(c.lastName);
  const ini = initialsOf(c.foreName).toUpperCase();
  const given = givenNameOf(c.foreName);
  const au = `${last} ${ini}[au]`;
  if (given) return { term: `(${au} OR "${last}, ${clean(c.foreName)}"[fau])` };
  const inst = clean(c.institution);
  if (inst) return { term: `${au} AND "${inst}"[ad]`, narrowedTo: inst };
  return { term: au };
}
