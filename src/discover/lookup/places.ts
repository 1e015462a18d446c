import { letters } from '../emails.js';

// Comma parts that name a department, an institution, a street or a region rather than a city.
const NOT_A_CITY = /\b(department|dept|division|section|service|unit|laborator\w*|lab|program|universit\w*|hospital|clinic\w*|institut\w*|college|cent(er|re)|school|foundation|health|medical|faculty|street|st\.|road|avenue|ave|boulevard|blvd|suite|floor|building|campus|republic|united|kingdom|states)\b/i;
export const REGIONS = new Set(
  ('usa us america canada uk england germany france italy spain japan china korea southkorea switzerland austria netherlands belgium sweden norway denmark finland brazil india australia taiwan israel ' +
    'alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota ' +
    'mississippi missouri montana nebraska nevada newhampshire newjersey newmexico newyork northcarolina northdakota ohio oklahoma oregon pennsylvania rhodeisland southcarolina southdakota tennessee ' +
    'texas utah vermont virginia washington westvirginia wisconsin wyoming ontario quebec alberta britishcolumbia bavaria').split(' '),
);

/**
 * The city-like parts of an affiliation ("Atlanta" in "..., Emory University, Atlanta, GA, USA"):
 * comma parts that are one to three words of letters, not a state, country, department or institution.
 */
export function placesOf(aff: string): string[] {
  const text = aff.replace(/\S+@\S+/g, ' ').replace(/\([^)]*\)/g, ' ').replace(/\belectronic address:?/gi, ' ');
  return text
    .split(/\s*[,;]\s*/)
    .map((p) => p.trim().replace(/[.]+$/, ''))
    .filter((p) => /^[\p{L}][\p{L} .'-]*$/u.test(p) && p.split(/\s+/).length <= 3 && !NOT_A_CITY.test(p))
    .map(letters)
    .filter((p) => p.length >= 4 && !REGIONS.has(p));
}
