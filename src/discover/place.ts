import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { stripContact } from './affiliation.js';
import { words } from './article.js';
import { type Candidate, byRecencyFirst } from './candidate.js';
import { type UsState, UsPlaces } from './us-places.js';

/** Where an affiliation is: ISO 3166-1 alpha-2 country, and for the U.S. the state and its IANA zone. */
export interface Place {
  country: string;
  state?: string;
  timeZone?: string;
}

let localeLoaded = false;

/** Country name (or alias: "USA", "UK", "P.R. China") to its ISO code, or undefined. */
export function countryCode(name: string): string | undefined {
  if (!localeLoaded) {
    countries.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/en.json'));
    localeLoaded = true;
  }
  const bare = name.replace(/\./g, '').replace(/\s+/g, ' ').trim();
  if (bare.length < 2) return undefined;
  return countries.getAlpha2Code(bare, 'en') ?? UsPlaces.get().extraCountries.get(words(bare));
}

/** Is this a valid ISO 3166-1 alpha-2 code ("US", "ca")? */
export function isCountryCode(code: string): boolean {
  return countries.isValid(code.toUpperCase());
}

/** A comma part without postal codes and the trailing period: "MA 02115." -> "MA", "Texas 75390-8896" -> "Texas". */
function clean(part: string): string {
  return part.replace(/\b\d[\d-]*\b/g, ' ').replace(/[\s.]+$/, '').replace(/^[\s.]+/, '').replace(/\s+/g, ' ');
}

/** "Boston MA" / "Dallas Texas" / "Salt Lake City New Mexico": a trailing state (one or two words) inside one part. */
function trailingState(places: UsPlaces, part: string): UsState | undefined {
  const w = part.split(' ');
  if (w.length < 2) return undefined;
  return (w.length > 2 ? places.state(w.slice(-2).join(' ')) : undefined) ?? places.state(w[w.length - 1]!);
}

const us = (places: UsPlaces, state: UsState, segment: string): Place => ({ country: 'US', state: state.code, timeZone: places.zoneIn(state, segment) });

/**
 * The place of one affiliation: read from its last comma parts ("…, Indianapolis, IN 46202,
 * USA"), with data/us-time-zones.json for U.S. states and cities and i18n-iso-countries for
 * country names. Several places in one string (separated by ";") are read in turn; with
 * `prefer`, the one naming it first. Undefined when the country can't be told.
 */
export function placeOf(aff: string, prefer?: string): Place | undefined {
  const segments = stripContact(aff).split(';').filter((s) => s.trim());
  const p = prefer ? words(prefer) : '';
  if (p) segments.sort((a, b) => Number(words(b).includes(p)) - Number(words(a).includes(p)));
  for (const seg of segments) {
    const place = placeOfSegment(seg);
    if (place) return place;
  }
  return undefined;
}

function placeOfSegment(segment: string): Place | undefined {
  const places = UsPlaces.get();
  const parts = segment.split(',').map(clean).filter(Boolean);
  const last = parts.length - 1;
  if (last < 0) return undefined;
  const tail = parts[last]!;
  // A state name that is also a country's ("Georgia") counts as the U.S. state only next to a U.S. city.
  const state = places.state(tail);
  const country = countryCode(tail);
  if (state && (!country || (last > 0 && places.cityOf(parts[last - 1]!)?.code === state.code))) return us(places, state, segment);
  if (!country) {
    const inPart = trailingState(places, tail) ?? places.onlyUsCity(tail);
    return inPart ? us(places, inPart, segment) : undefined;
  }
  if (country !== 'US') return { country };
  // "…, Boston, MA, USA", "…, Houston TX, USA", "…, Boston, USA"
  for (const part of parts.slice(Math.max(0, last - 2), last).reverse()) {
    const s = places.state(part) ?? trailingState(places, part) ?? places.cityOf(part);
    if (s) return us(places, s, segment);
  }
  // "Stanford University, USA": a big city named anywhere in the text.
  const s = places.cityIn(segment);
  return s ? us(places, s, segment) : { country: 'US' };
}

/**
 * A candidate's place: the affiliation their institution came from, else their other papers'
 * newest first. A U.S. place without a state is completed from another U.S. affiliation.
 */
export function candidatePlace(c: Candidate): Place | undefined {
  let found = placeOf(c.affiliation, c.institution);
  if (found?.state) return found;
  // A person's papers repeat the same affiliation strings: each distinct one is read once.
  const tried = new Set<string>([c.affiliation]);
  for (const paper of byRecencyFirst(c)) {
    for (const aff of paper.affiliations) {
      if (tried.has(aff)) continue;
      tried.add(aff);
      const p = placeOf(aff);
      if (!p || (found && p.country !== found.country)) continue;
      if (!found || p.state) found = p;
      if (found.state || found.country !== 'US') return found;
    }
  }
  return found;
}
