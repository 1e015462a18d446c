import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Place, countryCode, placeOf } from '../../src/discover/place.js';

/**
 * (affiliation, place, why). Strings marked "fixture" are copied from test/fixtures/pubmed;
 * the others follow PubMed's usual form for hospitals in states the fixtures don't reach.
 */
const CASES: [string, Place | undefined, string][] = [
  // One-zone states, written the ways PubMed affiliations write them.
  ['Department of Radiology, University of Massachusetts Medical School, Worcester, MA, USA.', { country: 'US', state: 'MA', timeZone: 'America/New_York' }, 'fixture: code + USA'],
  ['Department of Neurosurgery, Emory University School of Medicine, Atlanta, Georgia, USA diogo.haussen@emory.edu.', { country: 'US', state: 'GA', timeZone: 'America/New_York' }, 'fixture: address after the country'],
  ['Department of Neurology, University of Minnesota, Minneapolis, Minnesota, United States.', { country: 'US', state: 'MN', timeZone: 'America/Chicago' }, 'state name + "United States"'],
  ['Department of Radiology, Stanford University, Stanford, CA 94305, USA. Electronic address: x@stanford.edu.', { country: 'US', state: 'CA', timeZone: 'America/Los_Angeles' }, 'ZIP code and Elsevier "Electronic address:"'],
  ['Department of Radiology, Mayo Clinic, 200 First St SW, Rochester, MN 55905.', { country: 'US', state: 'MN', timeZone: 'America/Chicago' }, 'no country: the state code ends it'],
  ['Department of Radiology, University of Colorado, Aurora, Colorado', { country: 'US', state: 'CO', timeZone: 'America/Denver' }, 'no country, state name'],
  ['Barrow Neurological Institute, Phoenix, AZ, USA', { country: 'US', state: 'AZ', timeZone: 'America/Phoenix' }, 'Arizona keeps standard time all year'],
  ["Department of Radiology, The Queen's Medical Center, Honolulu, HI 96813, USA.", { country: 'US', state: 'HI', timeZone: 'Pacific/Honolulu' }, 'Hawaii'],
  ['Department of Radiology, Georgetown University Hospital, Washington, D.C., USA.', { country: 'US', state: 'DC', timeZone: 'America/New_York' }, 'D.C. with dots'],
  ['Department of Radiology, Baylor College of Medicine, Houston TX 77030, USA.', { country: 'US', state: 'TX', timeZone: 'America/Chicago' }, 'city and state in one comma part'],
  ['Division of Neurosurgery, Brigham and Women\'s Hospital, Harvard Medical School, Boston.', { country: 'US', state: 'MA', timeZone: 'America/New_York' }, 'fixture: old record ending with a big U.S. city'],
  ['Department of Neurology, Louisiana State University Medical Center, Shreveport, USA.', { country: 'US' }, 'fixture: U.S. without a state or a known city: no zone is guessed'],
  // Multi-zone states: the city decides.
  ['Department of Radiology and Imaging Sciences, Indiana University School of Medicine, Indianapolis, IN 46202, USA.', { country: 'US', state: 'IN', timeZone: 'America/Indiana/Indianapolis' }, 'Indiana, Eastern part'],
  ['Department of Radiology, Deaconess Hospital, Evansville, Indiana, USA.', { country: 'US', state: 'IN', timeZone: 'America/Chicago' }, 'Indiana, Evansville is on Central time'],
  ['Methodist Hospitals, Gary, IN, USA.', { country: 'US', state: 'IN', timeZone: 'America/Chicago' }, 'Indiana, Chicago area on Central time'],
  ['Department of Radiology, UT Southwestern Medical Center, Dallas, TX, USA.', { country: 'US', state: 'TX', timeZone: 'America/Chicago' }, 'Texas, Central'],
  ['Department of Radiology, Texas Tech University Health Sciences Center El Paso, El Paso, Texas, USA.', { country: 'US', state: 'TX', timeZone: 'America/Denver' }, 'Texas, El Paso is on Mountain time'],
  ['Department of Radiology, University of Miami Miller School of Medicine, Miami, FL, USA.', { country: 'US', state: 'FL', timeZone: 'America/New_York' }, 'Florida, Eastern'],
  ['Department of Radiology, Baptist Hospital, Pensacola, Florida, USA.', { country: 'US', state: 'FL', timeZone: 'America/Chicago' }, 'Florida panhandle is on Central time'],
  ['Vanderbilt University Medical Center, Nashville, TN, United States.', { country: 'US', state: 'TN', timeZone: 'America/Chicago' }, 'fixture: Tennessee, Central'],
  ['Department of Radiology, University of Tennessee Medical Center, Knoxville, Tennessee, USA.', { country: 'US', state: 'TN', timeZone: 'America/New_York' }, 'Tennessee, Knoxville is on Eastern time'],
  ['Department of Radiology, University of Louisville, Louisville, KY, USA.', { country: 'US', state: 'KY', timeZone: 'America/Kentucky/Louisville' }, 'Kentucky, Louisville has its own tz entry'],
  ['Department of Radiology, Baptist Health Paducah, Paducah, Kentucky, USA.', { country: 'US', state: 'KY', timeZone: 'America/Chicago' }, 'Kentucky, west on Central time'],
  ['Department of Radiology, University of Michigan, Ann Arbor, Michigan, USA.', { country: 'US', state: 'MI', timeZone: 'America/Detroit' }, 'Michigan, Eastern'],
  ['Dickinson County Healthcare System, Iron Mountain, MI, USA.', { country: 'US', state: 'MI', timeZone: 'America/Menominee' }, 'Michigan, Upper Peninsula on Central time'],
  ['Department of Diagnostic Radiology, Oregon Health & Science University, Portland, OR, USA.', { country: 'US', state: 'OR', timeZone: 'America/Los_Angeles' }, 'Oregon, Pacific'],
  ['Saint Alphonsus Medical Center, Ontario, Oregon, USA.', { country: 'US', state: 'OR', timeZone: 'America/Boise' }, 'Oregon, Malheur County on Mountain time (and Ontario is not Canada here)'],
  ["Kootenai Health, Coeur d'Alene, ID, USA.", { country: 'US', state: 'ID', timeZone: 'America/Los_Angeles' }, 'Idaho panhandle on Pacific time'],
  ["Saint Alphonsus Regional Medical Center, Boise, Idaho, USA.", { country: 'US', state: 'ID', timeZone: 'America/Boise' }, 'Idaho, Mountain'],
  ['University of Kansas Medical Center, Kansas City, KS, USA.', { country: 'US', state: 'KS', timeZone: 'America/Chicago' }, 'fixture: Kansas, Central'],
  ['Regional West Medical Center, Scottsbluff, Nebraska, USA.', { country: 'US', state: 'NE', timeZone: 'America/Denver' }, 'Nebraska panhandle on Mountain time'],
  ['Monument Health Rapid City Hospital, Rapid City, SD, USA.', { country: 'US', state: 'SD', timeZone: 'America/Denver' }, 'South Dakota west river on Mountain time'],
  ['Sanford Health, Fargo, North Dakota, USA.', { country: 'US', state: 'ND', timeZone: 'America/Chicago' }, 'North Dakota, Central'],
  // Elsewhere, and can't be told.
  ['Department of Clinical Neurosciences, University of Calgary, Calgary, Alberta, Canada; mgoyal@ucalgary.ca.', { country: 'CA' }, 'fixture: Canada (CA is also California\'s code, but not as a country name)'],
  ['Department of Diagnostic and Interventional Neuroradiology, RWTH Aachen University Hospital, Aachen, Germany.', { country: 'DE' }, 'fixture: Germany'],
  ['Department of Interventional Neuroradiology, Hôpital Pitié-Salpêtrière, Paris, France.', { country: 'FR' }, 'France'],
  ['Department of Neurosurgery, Chang Gung Memorial Hospital, Taiwan, R.O.C.', { country: 'TW' }, 'fixture-style "R.O.C."'],
  ['Department of Radiology, Tbilisi State Medical University, Tbilisi, Georgia.', { country: 'GE' }, 'Georgia the country: no U.S. city before it'],
  ['Department of Radiology.', undefined, 'names no place'],
  ['Radiology', undefined, 'names no place'],
];

describe('placeOf: country, state and IANA zone from an affiliation', () => {
  it.each(CASES)('%s', (aff, want) => {
    expect(placeOf(aff)).toEqual(want);
  });

  it('reads the place of the institution asked for when one string lists several', () => {
    const aff = 'Department of Radiology, University of Calgary, Calgary, Canada; Department of Radiology, Mayo Clinic, Rochester, MN, USA.';
    expect(placeOf(aff)?.country).toBe('CA');
    expect(placeOf(aff, 'Mayo Clinic')).toEqual({ country: 'US', state: 'MN', timeZone: 'America/Chicago' });
  });

  it('knows country spellings PubMed uses', () => {
    expect(['USA', 'U.S.A.', 'United States of America', 'UK', 'P.R. China', 'Korea', 'The Netherlands'].map((n) => countryCode(n))).toEqual(['US', 'US', 'US', 'GB', 'CN', 'KR', 'NL']);
  });

  it('has a valid America/… or Pacific/Honolulu zone for every state and city in the table', () => {
    const table = JSON.parse(readFileSync(join(import.meta.dirname, '../../data/us-time-zones.json'), 'utf8')) as { states: { code: string; zone: string; cities?: Record<string, string> }[] };
    expect(table.states).toHaveLength(51); // 50 states and DC
    const zones = table.states.flatMap((s) => [s.zone, ...Object.values(s.cities ?? {})]);
    for (const z of zones) {
      expect(z).toMatch(/^(America\/[A-Za-z_/]+|Pacific\/Honolulu)$/);
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: z })).not.toThrow();
    }
  });
});
