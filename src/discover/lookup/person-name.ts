import type { Author } from '../article.js';
import { letters } from '../emails.js';

/** "Diogo C" -> "dc", "Jae-Hoon" -> "jh", "DC" (already initials) -> "dc". */
export function initialsOf(fore: string): string {
  const words = fore.split(/[\s-]+/).filter(Boolean);
  if (words.length === 1 && /^\p{Lu}{2,4}$/u.test(words[0]!)) return letters(words[0]!);
  return words.map((w) => letters(w).slice(0, 1)).join('');
}

/** The first given name when it is written out ("Diogo C" -> "diogo"), '' for initials only. */
export function givenNameOf(fore: string): string {
  const first = letters(fore.split(/[\s-]+/)[0] ?? '');
  return first.length > 1 && !/^\p{Lu}{2,4}$/u.test(fore.trim()) ? first : '';
}

/** "Nogueira RG": last name and initials, the form co-authors are compared in. */
export function shortName(a: Pick<Author, 'lastName' | 'foreName' | 'initials'>): string {
  return `${a.lastName} ${a.initials || initialsOf(a.foreName).toUpperCase()}`;
}

/** Last name + first initial, folded: how two papers' co-author lists are matched. */
export function coauthorKey(short: string): string {
  const sp = short.lastIndexOf(' ');
  return sp < 0 ? letters(short) : `${letters(short.slice(0, sp))} ${letters(short.slice(sp + 1)).slice(0, 1)}`;
}

export interface NameMatch {
  /** Last names equal, initials compatible, written-out first names (when both have one) equal. */
  agrees: boolean;
  /** Both give the first name in full and it is the same. */
  sameGivenName: boolean;
}

/**
 * Could this paper's author be the candidate, by name alone? Initials must agree as far as
 * both go ("D" and "DC" do, "DC" and "DM" do not); a written-out first name must be the same
 * when both papers give one ("Joon Whi" and "Jin Woo" are two people).
 */
export function compareNames(cand: { lastName: string; foreName: string }, au: Author): NameMatch {
  if (letters(cand.lastName) !== letters(au.lastName)) return { agrees: false, sameGivenName: false };
  const ci = initialsOf(cand.foreName);
  const ai = au.initials ? letters(au.initials) : initialsOf(au.foreName);
  const initialsAgree = ci.length > 0 && ai.length > 0 && (ci.startsWith(ai) || ai.startsWith(ci));
  const cg = givenNameOf(cand.foreName);
  const ag = givenNameOf(au.foreName);
  if (!initialsAgree || (cg && ag && cg !== ag)) return { agrees: false, sameGivenName: false };
  return { agrees: true, sameGivenName: Boolean(cg && ag) };
}
