import { withArticle } from './definite-article.js';
import { titleCase } from './title-case.js';

/** Above this, a title-cased full name reads like a citation; the abbreviation is used when there is one. */
export const MAX_FULL_NAME = 60;

/**
 * The name a radiologist would use for a journal, from PubMed's fields:
 * 1. NLM writes some titles as "ACRONYM. Full name" ("AJR. American journal of roentgenology",
 *    "AJNR. American journal of neuroradiology"): the acronym is the usual name -> "AJR".
 * 2. Otherwise the NLM title (JT / <Journal><Title>, in sentence case) is cleaned and title-cased:
 *    the place/edition qualifier "(San Diego, Calif. : 1997)" and the subtitle after " : "
 *    (": official journal of ...") go, and NLM's ". " between title parts becomes ": "
 *    ("Environmental science. Processes & impacts" -> "Environmental Science: Processes & Impacts").
 * 3. A full name longer than MAX_FULL_NAME characters gives way to the ISO abbreviation or
 *    MedlineTA when the row has one ("Proc Natl Acad Sci U S A").
 * The result carries "the" when the name takes it ("the Journal of Neurointerventional Surgery",
 * "Frontiers in Neurology", "AJR").
 */
export function journalName(full: string, abbrev = ''): string {
  const raw = full.replace(/\s+/g, ' ').trim();
  const short = abbrev.replace(/\s+/g, ' ').trim();
  if (raw === '') return short;
  const acronym = /^([A-Z][A-Z0-9&]{1,9})\. \S/.exec(raw);
  if (acronym) return acronym[1]!;
  let name = raw
    .replace(/\s*\([^()]*\)\s*$/, '') // "(Oxford, England)"
    .replace(/\s+:\s+.*$/, '') // " : official journal of ..."
    .replace(/\.\s+(?=\p{L})/gu, ': ') // "Environmental science. Processes" -> "...: Processes"
    .replace(/\.$/, '')
    .trim();
  if (name === '') name = raw;
  const cased = titleCase(name);
  if (cased.length > MAX_FULL_NAME && short !== '') return short;
  return withArticle(cased);
}
