import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/discover/article.js';
import { authorQuery } from '../../../src/discover/lookup/author-query.js';
import { judgeOwnAddresses } from '../../../src/discover/lookup/own-address.js';
import { compareNames } from '../../../src/discover/lookup/person-name.js';
import { readArticles } from '../../../src/discover/read-articles.js';

const FIX = join(import.meta.dirname, '../../fixtures/pubmed');
async function article(file: string, pmid: string): Promise<Article> {
  for await (const a of readArticles(join(FIX, file))) if (a.pmid === pmid) return a;
  throw new Error(`${pmid} not in ${file}`);
}
const BALLOON = 'medline/nbib_pubmed-balloongui-set.nbib';

describe('whose address is it, on one real paper', () => {
  // [file, pmid, author, expected verdicts, why this case]
  const cases: [string, string, string, { email: string; ok: boolean; why: RegExp }[], string][] = [
    ['efetch/metapub_32976730.xml', '32976730', 'Oliver', [{ email: 'eric.oliver@dal.ca', ok: true, why: /names them/ }], 'copied onto three authors, but it names Oliver'],
    ['efetch/metapub_32976730.xml', '32976730', 'Schlegel', [{ email: 'eric.oliver@dal.ca', ok: false, why: /names co-author Oliver ECJ/ }], "a co-author's address in Schlegel's own affiliation"],
    ['efetch/metapub_32976730.xml', '32976730', 'Darmaraki', [{ email: 'eric.oliver@dal.ca', ok: false, why: /names co-author Oliver/ }], 'the same, for the middle author'],
    ['efetch/metapub_37787043.xml', '37787043', 'Liu', [{ email: 'lh64@buaa.edu.cn', ok: true, why: /names them/ }], 'initials-only local part "lh64" for Liu Hong'],
    ['efetch/metapub_37787043.xml', '37787043', 'Zang', [{ email: 'lh64@buaa.edu.cn', ok: false, why: /names co-author Liu H/ }], 'copied onto four co-authors of Liu Hong'],
    ['efetch/metapub_37787043.xml', '37787043', 'Yi', [{ email: 'yueyi@bit.edu.cn', ok: true, why: /names them/ }], 'an address of their own at another institution'],
    ['efetch/metapub_38878148.xml', '38878148', 'Schuster', [{ email: 'andreas_schuster@gmx.net', ok: true, why: /names them/ }], 'the same address in two affiliations of one author counts once'],
    [BALLOON, '28712895', 'Ohshima', [{ email: 'tmtkoh@gmail.com', ok: true, why: /only address in their own affiliation/ }], 'does not name him, but it is the only address there and no one else carries it'],
    [BALLOON, '28712895', 'Goto', [], 'a co-author without an address gets none'],
    ['efetch/metapub_37787043.xml', '37787043', 'Ge', [], 'no address in their affiliation'],
  ];
  it.each(cases)('%s PMID %s, %s', async (file, pmid, last, expected) => {
    const a = await article(file, pmid);
    const i = a.authors.findIndex((x) => x.lastName === last);
    const got = judgeOwnAddresses(a, i);
    expect(got.map((g) => ({ email: g.email.toLowerCase(), ok: g.ok }))).toEqual(expected.map(({ email, ok }) => ({ email, ok })));
    got.forEach((g, k) => expect(g.why).toMatch(expected[k]!.why));
  });
});

describe('names and queries', () => {
  const au = (lastName: string, foreName: string, initials: string) => ({ lastName, foreName, initials, affiliations: [], emails: [] });
  // [candidate fore name, paper author, agrees, same given name, why]
  const names: [string, ReturnType<typeof au>, boolean, boolean, string][] = [
    ['Diogo C', au('Haussen', 'Diogo C', 'DC'), true, true, 'the same full name'],
    ['Diogo C', au('Haussen', 'D', 'D'), true, false, 'initials agree as far as both go'],
    ['Adnan H', au('Siddiqui', 'A H', 'AH'), true, false, 'MEDLINE full name of initials only'],
    ['Jin Woo', au('Kim', 'Joon Whi', 'JW'), false, false, 'same last name and initials, another first name: two people (real pair in the balloon set)'],
    ['Diogo C', au('Haussen', 'Diogo M', 'DM'), false, false, 'middle initials differ'],
    ['Marc', au('Ribò', 'Marc', 'M'), true, true, 'accents do not matter (Ribo / Ribò in the same export)'],
  ];
  it.each(names)('%s vs %o', (fore, author, agrees, sameGiven) => {
    expect(compareNames({ lastName: author.lastName === 'Ribò' ? 'Ribo' : author.lastName, foreName: fore }, author)).toEqual({ agrees, sameGivenName: sameGiven });
  });

  it('searches Last Initials[au] with the full name when known, narrowed to the institution only for initials', () => {
    expect(authorQuery({ lastName: 'Haussen', foreName: 'Diogo C', institution: 'Emory University' }).term).toBe('(Haussen DC[au] OR "Haussen, Diogo C"[fau])');
    expect(authorQuery({ lastName: 'Kim', foreName: 'J W', institution: 'Yonsei University' })).toEqual({ term: 'Kim JW[au] AND "Yonsei University"[ad]', narrowedTo: 'Yonsei University' });
    expect(authorQuery({ lastName: 'Kim', foreName: 'JW', institution: '' }).term).toBe('Kim JW[au]');
  });
});
