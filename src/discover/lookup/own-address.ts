import type { Article } from '../article.js';
import { extractEmails, localPartMatches } from '../emails.js';
import { shortName } from './person-name.js';

export interface AddressVerdict {
  email: string;
  ok: boolean;
  /** Why it is (or is not) this author's, in words for `--explain`. */
  why: string;
}

/**
 * The addresses in one author's own affiliations on a paper, each judged: theirs when it is
 * the only address there, or when its local part names them ("hamakerb@" for Bruce R Hamaker).
 * Not theirs when it names a co-author, or when it is copied onto several authors'
 * affiliations without naming them (a shared "correspondence to" address).
 */
export function judgeOwnAddresses(article: Article, index: number): AddressVerdict[] {
  const me = article.authors[index]!;
  const own = [...new Map(me.affiliations.flatMap(extractEmails).map((e) => [e.toLowerCase(), e] as const)).values()];
  return own.map((email) => {
    const local = email.slice(0, email.indexOf('@'));
    const namesMe = localPartMatches(local, me);
    const named = article.authors.filter((a, i) => i !== index && localPartMatches(local, a) && !sameName(a, me));
    const carriers = article.authors.filter((a) => a.affiliations.some((x) => x.toLowerCase().includes(email.toLowerCase()))).length;
    if (named.length > 0) {
      const who = named.map(shortName).join(', ');
      return { email, ok: false, why: namesMe ? `names both them and co-author ${who}` : `names co-author ${who}` };
    }
    if (namesMe) return { email, ok: true, why: carriers > 1 ? `names them (copied onto ${carriers} authors)` : 'in their own affiliation and names them' };
    if (carriers > 1) return { email, ok: false, why: `copied onto ${carriers} authors' affiliations and does not name them` };
    if (own.length > 1) return { email, ok: false, why: `one of ${own.length} addresses in their affiliation and does not name them` };
    return { email, ok: true, why: 'the only address in their own affiliation' };
  });
}

const sameName = (a: { lastName: string; initials: string }, b: { lastName: string; initials: string }): boolean =>
  a.lastName.toLowerCase() === b.lastName.toLowerCase() && a.initials === b.initials;
