import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article, ParseIssue } from '../../src/discover/article.js';
import { parseEsearch } from '../../src/discover/esearch-result.js';
import { readArticles } from '../../src/discover/read-articles.js';
import { createReadStream, readFileSync } from 'node:fs';
import { parseEfetchFile, parseEfetchXml } from '../../src/discover/parse-efetch-xml.js';

const FIX = join(import.meta.dirname, '../fixtures/pubmed');

async function all(path: string, issues: ParseIssue[] = []): Promise<Article[]> {
  const out: Article[] = [];
  for await (const a of readArticles(path, (i) => issues.push(i))) out.push(a);
  return out;
}

/** Articles per fixture, counted by hand (PMID lines / PubmedArticle elements / data rows). */
const ARTICLES: Record<string, number> = {
  'efetch/biopython_pubmed2.xml': 2, 'efetch/biopython_pubmed4.xml': 1, 'efetch/biopython_pubmed7.xml': 1,
  'efetch/metapub_32976730.xml': 1, 'efetch/metapub_35195805.xml': 1, 'efetch/metapub_37787043.xml': 1,
  'efetch/metapub_38878148.xml': 1, 'efetch/metapub_38909159.xml': 1, 'efetch/pubmedparser_pubmed-29768149.xml': 1,
  'medline/biopython_pubmed_result1.txt': 1, 'medline/biopython_pubmed_result2.txt': 4,
  'medline/biopython_pubmed_result3.txt': 1, 'medline/biopython_pubmed_result4.txt': 1,
  // 5 records with a PMID; the PMC-only and PMCR-only records are reported and skipped.
  'medline/jabref_MedlinePlainImporterTestMultipleEntries.txt': 5, 'medline/jabref_NbibImporterTest.nbib': 1,
  'medline/nbib_pmc_medlars.txt': 5, 'medline/nbib_pubmed-balloongui-set.nbib': 75, 'medline/nbib_single.nbib': 1,
  'csv/colrev_pubmed-chatbot.csv': 6, 'csv/colrev_pubmed_csv_SYNTHETIC.csv': 1,
  'pair/p1m_citations_1.nbib': 92, 'pair/p1m_pubmed_result_92.xml': 92,
};

/**
 * (file, pmid, author, address): every address in the fixtures, attributed by reading the files.
 * Copied addresses: lh64@ (5 carriers; "lh" = Liu Hong), eric.oliver@ (3 carriers; Oliver).
 */
const EMAILS: [string, string, string, string][] = [
  ['efetch/metapub_37787043.xml', '37787043', 'Liu', 'lh64@buaa.edu.cn'],
  ['efetch/metapub_37787043.xml', '37787043', 'Yi', 'yueyi@bit.edu.cn'],
  ['efetch/metapub_32976730.xml', '32976730', 'Oliver', 'eric.oliver@dal.ca'],
  ['efetch/metapub_35195805.xml', '35195805', 'Partovi', 'partovs@ccf.org'],
  ['efetch/metapub_38878148.xml', '38878148', 'Schuster', 'andreas_schuster@gmx.net'],
  ['efetch/metapub_38909159.xml', '38909159', 'Sönmez', 'eminesonmez@gmail.com'],
  ['medline/biopython_pubmed_result1.txt', '12230038', 'Mangalam', 'hjm@tacgi.com'],
  ['medline/biopython_pubmed_result2.txt', '16403221', 'Casbon', 'j.a.casbon@qmul.ac.uk'],
  ['medline/biopython_pubmed_result2.txt', '16377612', 'Pritchard', 'lpritc@scri.ac.uk'],
  ['medline/biopython_pubmed_result2.txt', '14871861', 'de Hoon', 'mdehoon@ims.u-tokyo.ac.jp'],
  ['medline/biopython_pubmed_result2.txt', '14630660', 'Hamelryck', 'thamelry@vub.ac.be'],
  ['medline/jabref_MedlinePlainImporterTestMultipleEntries.txt', '20481061', 'Long', 'Vicky.Long@manchester.ac.uk'],
  ...(
    [
      ['31542275', 'Goldhoorn', 'robertjan.goldhoorn@mumc.nl'], ['30309845', 'Nikoubashman', 'onikoubashman@ukaachen.de'],
      ['30851472', 'Sung', 'jaehoonsung@gmail.com'], ['26801392', 'Meckel', 'stephanmeckel@gmail.com'],
      ['28712895', 'Ohshima', 'tmtkoh@gmail.com'], ['27987034', 'Matano', 's00-078@nms.ac.jp'],
      ['30711506', 'Siani', 'andreasiani@yahoo.it'], ['28691137', 'Sung', 'jaehoonsung@gmail.com'],
      ['29650784', 'Nikoubashman', 'onikoubashman@ukaachen.de'], ['30579014', 'Colby', 'gcolby@mednet.ucla.edu'],
      ['32447614', 'Velasco Gonzalez', 'Aglae.VelascoGonzalez@ukmuenster.de'], ['31239220', 'Okada', 'hide829@me.com'],
      ['31239220', 'Matsuda', 'ymatsuda0517@yahoo.co.jp'], ['31239220', 'Malisch', 'amalisch@luc.edu'],
      ['31239220', 'Chung', 'ns.joonho.chung@gmail.com'], ['31239220', 'Heiferman', 'dheiferman@lumc.edu'],
      ['31239220', 'Lopes', 'brainaneurysm@me.com'], ['25376809', 'Siddiqui', 'asiddiqui@ubns.com'],
      ['29578080', 'Xu', 'fengxu.dr@gmail.com'], ['30847500', 'Dargazanli', 'c.dargazanli@gmail.com'],
      ['32015181', 'Haussen', 'diogo.haussen@emory.edu'], ['28843759', 'Jiao', 'liqunjiao@sina.cn'],
      ['17245008', 'Suzuki', 'CQX05344@nifty.com'], ['31295596', 'Nakagawa', 'nakagawa@naramed-u.ac.jp'],
      ['23124642', 'Espinosa de Rueda', 'mm.espinosa@gmail.com'], ['27076599', 'Goyal', 'mgoyal@ucalgary.ca'],
      ['31900353', 'Clarençon', 'fredclare5@gmail.com'], ['23835465', 'Deshaies', 'deshaiee@upstate.edu'],
      ['30413831', 'Maegerlein', 'christian.maegerlein@tum.de'], ['32221623', 'Bhogal', 'bhogalweb@aol.com'],
      ['31959631', 'Ribo', 'marcriboj@hotmail.com'], ['32054612', 'Liu', 'Liu118@vip.163.com'],
    ] as const
  ).map(([p, a, e]): [string, string, string, string] => ['medline/nbib_pubmed-balloongui-set.nbib', p, a, e]),
  ...(
    [
      ['11887128', 'Lew', 'henrylew@roses.stanford.edu'], ['11752958', 'Liu', 'liuwei@hananet.net'],
      ['11698907', 'Papagelopoulos', 'pip@hol.gr'], ['11242391', 'Koh', 'ydkoh@mm.ewha.ac.kr'],
      ['11189932', 'Korovessis', 'korovess@otenet.gr'], ['10965268', 'Sharma', 'rrsharma@omantel.net.om'],
      ['10752110', 'Yung', 'jcschan@ha.org.hk'], // the only carrier in the record (old records list one affiliation)
    ] as const
  ).flatMap(([p, a, e]): [string, string, string, string][] => [
    ['pair/p1m_pubmed_result_92.xml', p, a, e],
    ['pair/p1m_citations_1.nbib', p, a, e],
  ]),
];

describe('every PubMed fixture parses', () => {
  const files = ['efetch', 'medline', 'csv', 'pair'].flatMap((d) => readdirSync(join(FIX, d)).map((f) => `${d}/${f}`));

  it('covers every fixture file', () => {
    expect(files.sort()).toEqual(Object.keys(ARTICLES).sort());
  });

  it.each(files)('%s', async (f) => {
    const issues: ParseIssue[] = [];
    const arts = await all(join(FIX, f), issues);
    expect(arts).toHaveLength(ARTICLES[f]!);
    for (const a of arts) {
      expect(a.pmid).toMatch(/^\d+$/);
      for (const au of a.authors) expect(au.lastName.length).toBeGreaterThan(0);
    }
    expect(arts.some((a) => a.authors.length > 0 && a.title.length > 0)).toBe(true);
    if (f.includes('jabref_MedlinePlain')) expect(issues.map((i) => i.where.replace(/^.*:(\d+)$/, '$1'))).toEqual(['55', '77']);
    else expect(issues).toEqual([]);
    const found = arts.flatMap((a) => a.authors.flatMap((au) => au.emails.map((e) => [f, a.pmid, au.lastName, e])));
    expect(found.sort()).toEqual(EMAILS.filter((r) => r[0] === f).sort());
  });

  it('reads fields: ORCID, several affiliations, year from MedlineDate, entities', async () => {
    const [a] = await all(join(FIX, 'efetch/metapub_38878148.xml'));
    const schuster = a!.authors.find((x) => x.lastName === 'Schuster')!;
    expect(schuster.affiliations).toHaveLength(2);
    expect(schuster.affiliations[0]).toContain('Göttingen');
    const [z] = await all(join(FIX, 'efetch/metapub_37787043.xml'));
    expect(z!.authors[0]).toMatchObject({ lastName: 'Zang', foreName: 'Yuxuan', initials: 'Y', orcid: '0000-0003-4220-3589' });
    expect(z!.title).toBe('Mechanism and applications of bidirectional extracellular electron transfer of Shewanella.');
    expect(z!).toMatchObject({ journal: 'Environmental science. Processes & impacts', year: 2023 });
    const balloon = await all(join(FIX, 'medline/nbib_pubmed-balloongui-set.nbib'));
    expect(balloon.flatMap((x) => x.authors).filter((x) => x.orcid).length).toBe(36);
  });

  it('reads efetch XML the same whatever the chunk or buffer size (articles cut anywhere, buffer grown)', async () => {
    const file = join(FIX, 'pair/p1m_pubmed_result_92.xml');
    const collect = async (it: AsyncIterable<Article>) => {
      const out: Article[] = [];
      for await (const a of it) out.push(a);
      return out;
    };
    const whole = await collect(parseEfetchXml([readFileSync(file)]));
    expect(whole).toHaveLength(92);
    expect(await collect(parseEfetchXml(createReadStream(file, { highWaterMark: 997 })))).toEqual(whole);
    expect(await collect(parseEfetchFile(file, {}, 512))).toEqual(whole); // smaller than one article: grows
    expect(await collect(parseEfetchFile(file, {}, 40_000))).toEqual(whole);
  });

  it('reads the esearch fixtures: count, ids, history keys, phrases not found', () => {
    const r = (f: string) => parseEsearch(readFileSync(join(FIX, 'esearch', f), 'utf8'));
    expect(r('biopython_esearch1.xml')).toMatchObject({ count: 63, retStart: 0 });
    expect(r('biopython_esearch1.xml').ids).toHaveLength(20);
    expect(r('biopython_esearch2.xml')).toMatchObject({ count: 42249, queryKey: '1', webEnv: 'MCID_6927d6e7fee3e90f880ec190' });
    expect(r('biopython_esearch3.xml')).toMatchObject({ count: 2651, retStart: 6 });
    expect(r('biopython_esearch8.xml')).toMatchObject({ count: 0, ids: [], notFound: ['abcXYZ'] });
  });
});
