import type { Article } from '../article.js';
import { institutionOf } from '../affiliation.js';
import type { Candidate } from '../candidate.js';
import { letters } from '../emails.js';
import { type NameMatch, coauthorKey, shortName } from './person-name.js';
import { REGIONS, placesOf } from './places.js';

/** Points needed, and what they are made of, to call a paper's author the candidate. */
const SAME_PERSON_POINTS = 4;

export interface Identity {
  same: boolean;
  /** The evidence for and against, in words for `--explain`. */
  reasons: string[];
  /** The institution on that paper, when it names one. */
  institution: string;
  /** The paper names the candidate's institution (or one of them). */
  sameInstitution: boolean;
}

/** What is known about the candidate from their own papers, computed once per candidate. */
export interface Profile {
  candidate: Candidate;
  institutions: string[];
  /** The words of the institution parts of all their affiliations (see sharesInstitution). */
  institutionWords: Set<string>;
  places: Set<string>;
  coauthors: Map<string, string>;
  topicWords: Set<string>;
}

export function profileOf(c: Candidate, topic?: string): Profile {
  const affs = c.papers.flatMap((p) => p.affiliations);
  const institutions = [...new Set([c.institution, ...affs.map((a) => institutionOf(a))].filter((x) => letters(x).length >= 6))];
  const coauthors = new Map<string, string>();
  for (const p of c.papers) for (const n of p.coauthors ?? []) coauthors.set(coauthorKey(n), n);
  coauthors.delete(coauthorKey(shortName({ lastName: c.lastName, foreName: c.foreName, initials: '' })));
  const topicWords = new Set([...c.papers.map((p) => p.article.title), topic ?? ''].flatMap(contentWords));
  const words = new Set(affs.flatMap(institutionWords));
  return { candidate: c, institutions, institutionWords: words, places: new Set(affs.flatMap(placesOf)), coauthors, topicWords };
}

/**
 * Is the author at `index` on this paper the candidate, not a namesake? Evidence: ORCID
 * (decides alone, either way), the same institution (2 points), its city (1), each shared
 * co-author (2, at most 4), the same written-out first name (1), and the topic (1: two or more
 * content words shared with the candidate's titles). Needs SAME_PERSON_POINTS and at least one
 * of institution or co-author: a namesake in the same field and city is not enough. In doubt, no.
 */
export function judgeIdentity(p: Profile, article: Article, index: number, name: NameMatch): Identity {
  const au = article.authors[index]!;
  const c = p.candidate;
  const institution = au.affiliations.map((a) => institutionOf(a)).find((x) => x) ?? '';
  const base = { institution, sameInstitution: false };
  if (c.orcid && au.orcid) {
    return c.orcid === au.orcid
      ? { ...base, same: true, reasons: [`same ORCID ${au.orcid}`], sameInstitution: sharesInstitution(p, au.affiliations) }
      : { ...base, same: false, reasons: [`another ORCID (${au.orcid}, theirs is ${c.orcid})`] };
  }
  const reasons: string[] = [];
  let points = 0;
  const sameInstitution = sharesInstitution(p, au.affiliations);
  if (sameInstitution) {
    points += 2;
    reasons.push(`same institution (${institution || p.institutions[0]})`);
  } else if (au.affiliations.length === 0) reasons.push('no affiliation on that paper');
  else if (p.institutions.length === 0) reasons.push(`at ${institution || au.affiliations[0]} (no affiliation of theirs to compare)`);
  else reasons.push(`another institution (${institution || au.affiliations[0]})`);
  const city = au.affiliations.flatMap(placesOf).find((x) => p.places.has(x));
  if (city) {
    points += 1;
    reasons.push(`same city (${city})`);
  }
  const shared = article.authors
    .filter((_, i) => i !== index)
    .map((a) => p.coauthors.get(coauthorKey(shortName(a))))
    .filter((x): x is string => x !== undefined);
  if (shared.length > 0) {
    points += Math.min(4, 2 * shared.length);
    reasons.push(`${shared.length} shared co-author${shared.length > 1 ? 's' : ''} (${shared.slice(0, 3).join(', ')}${shared.length > 3 ? ', …' : ''})`);
  } else reasons.push('no shared co-authors');
  if (name.sameGivenName) {
    points += 1;
    reasons.push('same first name');
  }
  const topic = contentWords(article.title).filter((w) => p.topicWords.has(w));
  if (topic.length >= 2) {
    points += 1;
    reasons.push(`same topic (${topic.slice(0, 3).join(', ')})`);
  }
  const same = points >= SAME_PERSON_POINTS && (sameInstitution || shared.length > 0);
  reasons.push(`${points} point${points === 1 ? '' : 's'}, ${SAME_PERSON_POINTS} needed${!same && points >= SAME_PERSON_POINTS ? ', but neither institution nor co-authors agree' : ''}`);
  return { ...base, same, reasons, sameInstitution };
}

/**
 * Does one of these affiliations name one of the candidate's institutions? Compared by the
 * institution's distinctive words, in any order ("Vall d'Hebron University Hospital" and
 * "Hospital Vall d'Hebron"), found in a part of the affiliation that names an institution;
 * a name made only of generic words and regions must be equal.
 */
function sharesInstitution(p: Profile, affs: string[]): boolean {
  const theirs = affs.map((a) => institutionOf(a)).filter((x) => x);
  const theirWords = new Set(affs.flatMap(institutionWords));
  const covered = (inst: string, pool: Set<string>): boolean => {
    const d = distinctive(inst);
    return d.length > 0 && d.join('').length >= 5 && d.every((w) => pool.has(w));
  };
  return (
    p.institutions.some((mine) => covered(mine, theirWords) || theirs.some((t) => letters(t) === letters(mine))) ||
    theirs.some((t) => covered(t, p.institutionWords))
  );
}

const GENERIC = new Set(
  ('university universitat universite universidad universita universitario hospital hospitals clinic clinics clinical klinikum medical medicine center centre ' +
    'school college institute institut health sciences science system systems general memorial national state research faculty foundation graduate ' +
    'department division the and of for at de la del der des di du und y').split(' '),
);

// Comma parts that name an institution: its words count, a city standing alone does not
// ("University of Calgary" is covered by "..., University of Calgary, Calgary", not by "Foothills Medical Centre, Calgary").
const INSTITUTION_PART = /universi|hospital|h[oô]pital|ospedale|krankenhaus|clinic|klinik|institut|college|cent(er|re)|school|foundation|health|medical|faculty/i;
const institutionWords = (aff: string): string[] => aff.split(/\s*[,;]\s*/).filter((x) => INSTITUTION_PART.test(x)).flatMap(wordsOf);

const wordsOf = (s: string): string[] => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1);

/** The words that tell one institution from another: not generic, not a state or country. */
function distinctive(inst: string): string[] {
  return wordsOf(inst).filter((w) => !GENERIC.has(w) && !REGIONS.has(w));
}

const STOP = new Set(['about', 'after', 'among', 'analysis', 'between', 'case', 'clinical', 'during', 'effect', 'effects', 'from', 'into', 'patients', 'report', 'results', 'review', 'study', 'their', 'these', 'through', 'trial', 'under', 'using', 'versus', 'with', 'without']);

/** Lower-case words of five letters or more that say what a title is about. */
function contentWords(title: string): string[] {
  return [...new Set(title.toLowerCase().split(/[^\p{L}\d]+/u).filter((w) => w.length >= 5 && !STOP.has(w)))];
}
