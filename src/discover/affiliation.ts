import { letters } from './emails.js';

const DEPT = /\b(department|dept|division|section|service|unit|laboratory|lab|program)\b/i;
// Institution words by preference: "Department of Radiology, New England Center for Stroke Research,
// University of Massachusetts Medical School" names the university, not the centre.
const INST_TIERS = [/\b(universit\w*|hospital|clinic|klinikum)\b/i, /\b(institut\w*|college)\b/i, /\b(cent(er|re)|school|foundation|health|medical)\b/i];
const INST = new RegExp(INST_TIERS.map((r) => r.source).join('|'), 'i');
const IMAGING = /radiolog|imaging|neuroradiolog|radiological|nuclear medicine/i;

/** Does this affiliation name a radiology or imaging department? */
export function isImagingAffiliation(aff: string): boolean {
  return IMAGING.test(aff);
}

/** Affiliation text without addresses or the "Electronic address:" / "email:" prefixes. */
function stripContact(aff: string): string {
  return aff
    .replace(/[;.,]?\s*(electronic\s+address|e-?mail)\s*:?/gi, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;,]+$/, '');
}

/** The institution part of an affiliation: the comma part that best names one and is not a department. */
export function institutionOf(aff: string, prefer?: string): string {
  const parts = stripContact(aff).split(/\s*[,;]\s*/).filter(Boolean);
  // One affiliation string may list several places; with --institution, the one it names.
  const named = prefer ? parts.find((p) => mentions(p, prefer)) : undefined;
  if (named) return named;
  for (const tier of INST_TIERS) {
    const hit = parts.find((p) => tier.test(p) && !DEPT.test(p));
    if (hit) return hit;
  }
  return parts.find((p) => INST.test(p)) ?? parts[0] ?? '';
}

/** The department part (the first comma part that names one), or '' when none. */
export function departmentOf(aff: string): string {
  const parts = stripContact(aff).split(/\s*[,;]\s*/).filter(Boolean);
  return parts.find((p) => DEPT.test(p) && IMAGING.test(p)) ?? parts.find((p) => DEPT.test(p)) ?? '';
}

/** "Department of Radiology, Stanford University" with a key that ignores case, accents and punctuation. */
export function departmentKey(aff: string): { key: string; label: string } {
  const dept = departmentOf(aff);
  const inst = institutionOf(aff);
  const label = [dept, inst].filter((p, i, a) => p && a.indexOf(p) === i).join(', ');
  return { key: letters(label), label };
}

/** Case-, accent- and punctuation-insensitive "contains", for --institution filtering. */
export function mentions(aff: string, needle: string): boolean {
  const n = letters(needle);
  return n.length > 0 && letters(aff).includes(n);
}
