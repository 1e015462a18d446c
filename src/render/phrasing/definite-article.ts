/**
 * "the" before a name that takes it. English puts "the" before a name that starts with a
 * common noun ("the University of Calgary", "the Hospital of the University of Pennsylvania",
 * "the Journal of Neurointerventional Surgery") or with a descriptive adjective ("the German
 * Centre of Cardiovascular Research", "the National Cancer Institute"), and not before a name
 * that starts with a proper name ("Stanford University", "Mayo Clinic", "Emory University
 * School of Medicine"). Names are checked by their first word only: a reviewed list, below.
 */
const COMMON_NOUNS = new Set([
  'university', 'universities', 'college', 'school', 'faculty', 'institute', 'institutes', 'institution',
  'centre', 'center', 'hospital', 'hospitals', 'clinic', 'clinics', 'department', 'division', 'section',
  'unit', 'service', 'program', 'programme', 'laboratory', 'laboratories', 'lab', 'academy', 'society',
  'foundation', 'campus', 'ministry', 'office', 'agency', 'board', 'council', 'network', 'consortium',
  'medical', 'journal', 'annals', 'archives', 'proceedings', 'bulletin',
  'transactions', 'lancet',
  // The same nouns in the languages PubMed affiliations keep untranslated.
  'universidad', 'universidade', 'università', 'universita', 'université', 'universite', 'universität',
  'universitat', 'universiteit', 'universitatea', 'hôpital', 'hopital', 'ospedale', 'klinikum', 'instituto', 'istituto', 'institut', 'centro',
]);
const ADJECTIVES = new Set([
  'national', 'international', 'federal', 'royal', 'central', 'general', 'american', 'european', 'german',
  'french', 'british', 'swiss', 'dutch', 'canadian', 'australian', 'japanese', 'chinese', 'korean', 'italian',
  'spanish', 'swedish', 'danish', 'norwegian', 'finnish', 'austrian', 'belgian', 'irish', 'scottish',
  'indian', 'israeli', 'brazilian', 'mexican', "children's", 'childrens', 'radiological',
  'state',
]);

export function takesArticle(name: string): boolean {
  const first = name.trim().split(/\s+/)[0]?.toLowerCase().replace(/[\u2019]/g, "'").replace(/[^\p{L}']/gu, '') ?? '';
  return COMMON_NOUNS.has(first) || ADJECTIVES.has(first);
}

/** The name with "the" in front when it takes one; a leading "The" becomes "the" (mid-sentence). */
export function withArticle(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  if (n === '') return '';
  if (/^the\s/i.test(n)) return `the ${n.slice(4)}`;
  // "AJR", "JAMA", "MD Anderson ...": an acronym is used bare.
  return takesArticle(n) ? `the ${n}` : n;
}
