import { type Author, fold } from './article.js';

// Addresses appear at the end of affiliation text in several styles: "Electronic address: x@y.",
// "; email: x@y.", a bare "x@y" with or without a trailing dot, and sometimes two in a row.
// The domain needs at least one dot; a trailing sentence dot is not part of it.
const LOCAL = /[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}$/;
const DOMAIN = /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** RFC 5321 limits: a local part has at most 64 characters, a domain at most 255. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;

/**
 * Every address in a piece of text, in order, without duplicates (case-insensitive). Each
 * '@' is read with the regexes above on a window of at most 64 + 255 characters around it,
 * so the time is linear in the text's length whatever it holds.
 */
export function extractEmails(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const local = LOCAL.exec(text.slice(Math.max(from, at - MAX_LOCAL), at));
    const domain = DOMAIN.exec(text.slice(at + 1, at + 1 + MAX_DOMAIN));
    if (!local || !domain) continue;
    from = at + 1 + domain[0].length;
    const addr = `${local[0]}@${domain[0]}`.replace(/\.+$/, '');
    const key = addr.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(addr);
    }
  }
  return out;
}

/** Lower-case ASCII letters only: "Velasco Gonzalez" -> "velascogonzalez", "Aglaé" -> "aglae". */
export function letters(s: string): string {
  // Most names and institutions are plain ASCII: no need to decompose them first.
  return (/^[\x00-\x7f]*$/.test(s) ? s : fold(s)).toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * Does the address's local part name this author? Either the last name (or the fore name)
 * is in it, or it is built from initials ("lh64" for Liu Hong, "jcschan" for J C S Chan).
 */
export function localPartMatches(local: string, a: Author): boolean {
  const l = letters(local);
  if (l.length === 0) return false;
  const last = letters(a.lastName);
  const fore = letters(a.foreName.split(/\s+/)[0] ?? '');
  if (last.length >= 3 && l.includes(last)) return true;
  if (fore.length >= 3 && l.includes(fore) && l.includes(last.slice(0, 1))) return true;
  const ini = letters(a.initials || a.foreName.split(/[\s-]+/).map((p) => p.slice(0, 1)).join(''));
  const li = last.slice(0, 1);
  const f1 = ini.slice(0, 1);
  return [f1 + li, li + f1, ini + li, li + ini].some((c) => c.length >= 2 && l === c);
}

/**
 * Attributes the addresses found in an article's affiliations. An address
 * carried by one author is theirs. One copied across several authors' affiliations belongs to
 * the author whose name matches its local part, else to the last (senior) author carrying it;
 * never to everyone. Sets `emails` on each author in place.
 */
export function attributeEmails(authors: Author[]): void {
  const carriers = new Map<string, { addr: string; idx: number[] }>();
  authors.forEach((a, i) => {
    for (const aff of a.affiliations) {
      for (const addr of extractEmails(aff)) {
        const key = addr.toLowerCase();
        const c = carriers.get(key) ?? { addr, idx: [] };
        if (!c.idx.includes(i)) c.idx.push(i);
        carriers.set(key, c);
      }
    }
  });
  for (const a of authors) a.emails = [];
  for (const { addr, idx } of carriers.values()) {
    const owner = idx.length === 1 ? idx[0]! : pickOwner(addr, authors, idx);
    authors[owner]!.emails.push(addr);
  }
}

function pickOwner(addr: string, authors: Author[], carriers: number[]): number {
  const local = addr.slice(0, addr.indexOf('@'));
  const named = carriers.filter((i) => localPartMatches(local, authors[i]!));
  if (named.length > 0) return named[named.length - 1]!;
  return carriers[carriers.length - 1]!;
}
