import { words } from './article.js';
import { letters } from './emails.js';

const DEPT = /\b(department|dept|division|section|service|unit|laboratory|lab|program)\b/i;
// Institution words by preference: "Department of Radiology, New England Center for Stroke Research,
// University of Massachusetts Medical School" names the university, not the centre.
const INST_TIERS = [/\b(universit\w*|univ|hospital|clinic|klinikum)\b/i, /\b(institut\w*|college)\b/i, /\b(cent(er|re)|school|foundation|health|medical)\b/i];
const INST = new RegExp(INST_TIERS.map((r) => r.source).join('|'), 'i');
const IMAGING = /radiolog|imaging|neuroradiolog|radiological|nuclear medicine/i;

/** Does this affiliation name a radiology or imaging department? */
export function isImagingAffiliation(aff: string): boolean {
  return IMAGING.test(aff);
}

// "University of California, San Francisco": a university system whose campus follows after a comma.
const SYSTEM = /^(the )?university of california$/i;
const CAMPUS = /^(berkeley|davis|irvine|los angeles|merced|riverside|san diego|san francisco|santa barbara|santa cruz)\.?$/i;

/** Comma and semicolon parts, with a university system and its campus kept as one part. */
function partsOf(aff: string): string[] {
  const parts = stripContact(aff).split(/\s*[,;]\s*/).filter(Boolean);
  for (let i = 0; i < parts.length - 1; i++) {
    if (SYSTEM.test(parts[i]!) && CAMPUS.test(parts[i + 1]!)) parts.splice(i, 2, `${parts[i]}, ${parts[i + 1]!.replace(/\.$/, '')}`);
  }
  return parts;
}

/** Affiliation text without addresses or the "Electronic address:" / "email:" prefixes. */
export function stripContact(aff: string): string {
  // Word by word rather than one regex over the string: linear however long the affiliation.
  const kept = aff
    .replace(/[;.,]?\s*(electronic\s+address|e-?mail)\s*:?/gi, ' ')
    .split(/\s+/)
    .filter((w) => w && !w.includes('@'))
    .join(' ');
  let end = kept.length;
  while (end > 0 && '.;,'.includes(kept[end - 1]!)) end--;
  return kept.slice(0, end);
}

/** The institution part of an affiliation: the comma part that best names one and is not a department. */
export function institutionOf(aff: string, prefer?: string): string {
  const parts = partsOf(aff);
  // One affiliation string may list several places; with --institution, the one it names.
  const named = prefer ? parts.find((p) => mentions(p, prefer)) : undefined;
  if (named) return named;
  return tierHit(parts) ?? parts.find((p) => INST.test(p)) ?? parts[0] ?? '';
}

/**
 * The institution an affiliation names, or undefined when it names none ("Radiology",
 * "Department of Radiology"): a comma part with an institution word that is not a department.
 */
export function namedInstitution(aff: string): string | undefined {
  return tierHit(partsOf(aff));
}

/** The first part, by INST_TIERS preference, with an institution word that is not a department. */
function tierHit(parts: string[]): string | undefined {
  for (const tier of INST_TIERS) {
    const hit = parts.find((p) => tier.test(p) && !DEPT.test(p));
    if (hit) return hit;
  }
  return undefined;
}

// Spellings of one word in institution names, as PubMed affiliations abbreviate them.
const SAME_WORD: Record<string, string> = { univ: 'university', hosp: 'hospital', med: 'medical', ctr: 'center', centre: 'center', inst: 'institute', sch: 'school', coll: 'college', st: 'saint' };
// Parts of one institution that affiliations name or leave out: "Emory University School of Medicine" is Emory University.
const SUFFIX = / (school of medicine|medical school|college of medicine|faculty of medicine|medical center|health system|health sciences? center|hospitals and clinics)$/;

/** A key under which spellings of one institution meet: case, accents, "the", "&", "Univ." and its medical school aside. */
export function institutionKey(name: string): string {
  const w = words(name.replace(/&/g, ' and ')).split(' ');
  const out = w.map((x) => SAME_WORD[x] ?? x);
  if (out[0] === 'the') out.shift();
  return out.join(' ').replace(SUFFIX, '');
}

/** Case-, accent- and punctuation-insensitive "contains", for --institution filtering. */
export function mentions(aff: string, needle: string): boolean {
  const n = letters(needle);
  return n.length > 0 && letters(aff).includes(n);
}
