import { describe, expect, it } from 'vitest';
import { parseQuery } from './pubmed-query.js';
import { lookupRecords } from './lookup-records.js';

const records = lookupRecords();
const hits = (q: string): string[] => records.filter(parseQuery(q)).map((r) => r.pmid).sort();

// The test server's query evaluator: the look-up is only as well tested as this is faithful.
describe('the loopback esearch evaluates queries over the records', () => {
  it('[au] truncates without quotes and is exact in quotes; [fau] matches the full name', () => {
    expect(hits('Haussen DC[au]')).toEqual(hits('"Haussen DC"[au]'));
    expect(hits('Haussen D[au]').length).toBeGreaterThan(hits('"Haussen D"[au]').length); // "Haussen D" truncates to DC
    expect(hits('"Haussen, Diogo C"[fau]')).toEqual(hits('Haussen DC[au]'));
    expect(hits('Siddiqui AH[au]')).toContain('25376809'); // "Siddiqui, A H" in the record
  });

  it('[ad] matches a phrase in any author\'s affiliation, and combines with AND / OR / NOT', () => {
    const emory = hits('Haussen DC[au] AND "Emory University"[ad]');
    expect(emory.length).toBeGreaterThan(0);
    expect(emory).not.toContain('35195805'); // the Cleveland Clinic namesake
    expect(hits('Haussen DC[au] NOT "Emory University"[ad]')).toContain('35195805');
    expect(hits('(Goyal M[au] OR Ribo M[au]) AND calgary[ad]').every((p) => hits('Goyal M[au]').includes(p))).toBe(true);
  });

  it('evaluates publication date ranges and untagged words in title and abstract', () => {
    const all = hits('Haussen DC[au]');
    const recent = hits('Haussen DC[au] AND ("2020/01/01"[Date - Publication] : "3000"[Date - Publication])');
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(hits('thrombectomy AND Haussen DC[au]').every((p) => all.includes(p))).toBe(true);
  });

  it('refuses what PubMed would not take', () => {
    expect(() => parseQuery('Haussen[zz]')).toThrow(/unknown field tag/);
    expect(() => parseQuery('(Haussen DC[au]')).toThrow(/unbalanced/);
  });
});
