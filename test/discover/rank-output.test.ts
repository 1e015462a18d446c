import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Article, Author } from '../../src/discover/article.js';
import { InstitutionTally } from '../../src/discover/institution-tally.js';
import { institutionKey } from '../../src/discover/affiliation.js';
import { OUTPUT_COLUMNS, toCsv, toRow } from '../../src/discover/output-csv.js';
import { buildQuery } from '../../src/discover/query.js';
import { CandidatePool } from '../../src/discover/rank.js';
import { readArticles } from '../../src/discover/read-articles.js';

const au = (lastName: string, foreName: string, aff: string, extra: Partial<Author> = {}): Author => ({ lastName, foreName, initials: foreName.slice(0, 1), affiliations: [aff], emails: [], ...extra });
const art = (pmid: string, year: number, title: string, authors: Author[]): Article => ({ pmid, title, journal: 'Radiology', year, authors });
const STAN = 'Department of Radiology, Stanford University, Stanford, CA, USA.';

describe('ranking and merging', () => {
  it('merges one person across papers by ORCID, else by name + institution, and scores the parts', () => {
    const pool = new CandidatePool({ topic: 'breast MRI', now: 2024 });
    pool.add(art('1', 2024, 'Breast MRI screening', [au('Kim', 'Ann', STAN), au('Lee', 'Bo', STAN, { orcid: '0000-0001-2345-6789', emails: ['bo@stanford.edu'] })]));
    pool.add(art('2', 2020, 'Liver CT', [au('Lee', 'B', 'Elsewhere Hospital, Boston.', { orcid: '0000-0001-2345-6789' }), au('Kim', 'Ann', STAN)]));
    pool.add(art('3', 2022, 'Brain PET', [au('Kim', 'Ann', 'Department of Medicine, Harvard University.')]));
    const ranked = pool.ranked();
    const lee = ranked.find((c) => c.lastName === 'Lee')!;
    expect(lee.papers.map((p) => p.article.pmid)).toEqual(['1', '2']);
    expect(lee.parts).toEqual({ papers: 2, senior: 1.5, first: 0.5, recency: 0.8, topic: 1, imaging: 2 });
    expect(lee.score).toBe(7.8);
    const kims = ranked.filter((c) => c.lastName === 'Kim');
    expect(kims.map((k) => k.papers.length).sort()).toEqual([1, 2]); // Stanford Ann Kim vs Harvard Ann Kim
    expect(ranked.map((c) => c.score)).toEqual([7.8, 7.8, 2.9]); // Harvard Kim: 1 + sole author 1.5 + recency 0.4
  });

  it('keeps only authors at --institution, and ignores papers before --since', () => {
    const pool = new CandidatePool({ institution: 'stanford', since: 2021 });
    pool.add(art('1', 2024, 't', [au('Kim', 'Ann', STAN), au('Roe', 'Jo', 'Mayo Clinic, Rochester.')]));
    pool.add(art('2', 2019, 't', [au('Old', 'Al', STAN)]));
    expect(pool.ranked().map((c) => c.lastName)).toEqual(['Kim']);
  });

  it('writes the contract columns, the most recent paper, and marks candidates without an address', () => {
    const pool = new CandidatePool({});
    pool.add(art('7', 2019, 'Old one', [au('Kim', 'Ann C', STAN, { emails: ['ann@stanford.edu'] })]));
    pool.add(art('9', 2023, 'New one', [au('Kim', 'Ann C', STAN), au('=HYPERLINK("x")', 'Eve', STAN)]));
    const rows = pool.ranked().map((c) => toRow(c, 'MRI'));
    const parsed = parse(toCsv(rows), { columns: true }) as Record<string, string>[];
    expect(Object.keys(parsed[0]!)).toEqual([...OUTPUT_COLUMNS]);
    expect(parsed[0]).toMatchObject({ first_name: 'Ann', last_name: 'Kim', email: 'ann@stanford.edu', institution: 'Stanford University', topic: 'MRI', timezone: '', recent_paper_title: 'New one', recent_paper_year: '2023', recent_paper_pmid: '9', papers: '2', needs_manual_lookup: 'no' });
    expect(parsed[1]).toMatchObject({ last_name: `'=HYPERLINK("x")`, email: '', needs_manual_lookup: 'yes' });
  });

  it('escapes cells that a spreadsheet would run (OWASP "CSV Injection"), and quotes as RFC 4180 asks', () => {
    const cells = ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', 'plain', 'a,b', 'say "hi"', '＝1+1'];
    const rows = cells.map((v) => Object.fromEntries(OUTPUT_COLUMNS.map((k) => [k, k === 'last_name' ? v : ''])) as Record<(typeof OUTPUT_COLUMNS)[number], string>);
    const text = toCsv(rows);
    expect(text.split('\n')[2]).toBe(",'+1" + ','.repeat(OUTPUT_COLUMNS.length - 2));
    const back = (parse(text, { columns: true }) as Record<string, string>[]).map((r) => r.last_name);
    expect(back).toEqual(["'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", 'plain', 'a,b', 'say "hi"', "'＝1+1"]);
  });
});

describe('query and institutions', () => {
  it('builds institution + radiology/imaging [Affiliation] + topic, raw --query, and --since', () => {
    expect(buildQuery({ institution: 'Johns Hopkins', topic: 'breast MRI', since: 2020 })).toBe(
      '"Johns Hopkins"[Affiliation] AND (radiology[Affiliation] OR imaging[Affiliation]) AND (breast MRI) AND ("2020/01/01"[Date - Publication] : "3000"[Date - Publication])',
    );
    expect(buildQuery({ query: 'lung[ti] AND nodule', institution: 'ignored' })).toBe('(lung[ti] AND nodule)');
  });

  it('ranks U.S. institutions (not affiliation strings) by article count in a real export', async () => {
    const tally = new InstitutionTally();
    const any = new InstitutionTally('any');
    for await (const a of readArticles(join(import.meta.dirname, '../fixtures/pubmed/medline/nbib_pubmed-balloongui-set.nbib'))) {
      tally.add(a);
      any.add(a);
    }
    const top = tally.ranked();
    // 9 records list UMass with a radiology or imaging department, in two spellings of its name.
    expect(top[0]).toMatchObject({ institution: 'University of Massachusetts Medical School', country: 'US', state: 'MA', articles: 9 });
    expect(top.every((d, i) => i === 0 || top[i - 1]!.articles >= d.articles)).toBe(true);
    expect(top.every((d) => d.country === 'US')).toBe(true);
    expect(top.map((d) => d.institution)).not.toContain('University of Calgary');
    expect(any.ranked().find((d) => d.institution === 'University of Calgary')).toMatchObject({ country: 'CA', articles: 5 });
    for (const d of any.ranked()) expect(d.institution).not.toMatch(/^(Department of )?Radiology$|^Department/);
  });

  it('counts an affiliation that names no institution nowhere, and merges spellings of one', () => {
    const tally = new InstitutionTally();
    const one = (pmid: string, aff: string) => tally.add(art(pmid, 2024, 't', [au(`A${pmid}`, 'B', aff)]));
    one('1', 'Radiology');
    one('2', 'Department of Radiology.');
    one('3', 'Department of Radiology, Emory University School of Medicine, Atlanta, GA, USA.');
    one('4', 'Dept. of Radiology, Emory Univ., Atlanta, Georgia.');
    one('5', 'Department of Radiology and Imaging Sciences, Emory University, Atlanta, GA 30322, USA.');
    one('6', 'Department of Radiology, The Johns Hopkins Hospital, Baltimore, MD, USA.');
    one('7', 'Department of Radiology, Johns Hopkins Hospital, Baltimore, Maryland.');
    expect(tally.ranked().map((d) => [d.institution, d.state, d.articles])).toEqual([
      ['Emory University School of Medicine', 'GA', 3],
      ['Johns Hopkins Hospital', 'MD', 2],
    ]);
    expect(institutionKey('The Johns Hopkins Hospital')).toBe(institutionKey('Johns Hopkins Hospital'));
    expect(institutionKey('UT Southwestern Medical Center')).not.toBe(institutionKey('University of Texas MD Anderson Cancer Center'));
  });
});
