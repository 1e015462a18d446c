import { describe, expect, it } from 'vitest';
import type { Author } from '../../src/discover/article.js';
import { attributeEmails, extractEmails } from '../../src/discover/emails.js';

const author = (lastName: string, foreName: string, initials: string, ...affiliations: string[]): Author => ({ lastName, foreName, initials, affiliations, emails: [] });

describe('e-mail extraction from affiliation text', () => {
  it.each([
    ['Elsevier style', 'Maastricht, The Netherlands. Electronic address: robertjan.goldhoorn@mumc.nl.', ['robertjan.goldhoorn@mumc.nl']],
    ['"; email:" style', 'Halifax, Nova Scotia B3H 4R2, Canada; email: eric.oliver@dal.ca.', ['eric.oliver@dal.ca']],
    ['bare, trailing dot', 'Cleveland, OH, 44195, USA. partovs@ccf.org.', ['partovs@ccf.org']],
    ['bare, no dot', 'Iowa City, IA, USA. CQX05344@nifty.com', ['CQX05344@nifty.com']],
    ['address split by a line wrap', 'Japan. Electronic  address: nakagawa@naramed-u.ac.jp.', ['nakagawa@naramed-u.ac.jp']],
    ['two in one affiliation', 'Gothenburg, Sweden huttner@chalmers.se lisbeth.olsson@chalmers.se.', ['huttner@chalmers.se', 'lisbeth.olsson@chalmers.se']],
    ['multi-level domain', 'Muscat, Sultanate of Oman. rrsharma@omantel.net.om', ['rrsharma@omantel.net.om']],
    ['none', 'Department of Radiology, Mayo Clinic, Rochester, MN.', []],
  ])('%s', (_name, text, want) => {
    expect(extractEmails(text)).toEqual(want);
  });
});

describe('attribution of an address copied across authors', () => {
  it('goes to the author the local part names (initials), not to everyone', () => {
    const aff = 'Beihang University, Beijing 100191, China. lh64@buaa.edu.cn.';
    const authors = [author('Zang', 'Yuxuan', 'Y', aff), author('Cao', 'Bo', 'B', aff), author('Liu', 'Hong', 'H', aff), author('Yi', 'Yue', 'Y', 'Other.')];
    attributeEmails(authors);
    expect(authors.map((a) => a.emails)).toEqual([[], [], ['lh64@buaa.edu.cn'], []]);
  });

  it('splits two addresses in one shared affiliation between the two named authors', () => {
    const aff = 'Chalmers University of Technology, Gothenburg, Sweden huttner@chalmers.se lisbeth.olsson@chalmers.se.';
    const authors = [author('Huttner', 'Silvia', 'S', aff), author('Nygård', 'Yvonne', 'Y', aff), author('Olsson', 'Lisbeth', 'L', aff)];
    attributeEmails(authors);
    expect(authors.map((a) => a.emails)).toEqual([['huttner@chalmers.se'], [], ['lisbeth.olsson@chalmers.se']]);
  });

  it('falls back to the last (senior) author carrying it when no name matches', () => {
    const aff = 'Lab, Some University. imaging.lab@uni.edu.';
    const authors = [author('Alpha', 'Ann', 'A', aff), author('Beta', 'Ben', 'B', aff), author('Gamma', 'Gil', 'G', 'Elsewhere.')];
    attributeEmails(authors);
    expect(authors.map((a) => a.emails)).toEqual([[], ['imaging.lab@uni.edu'], []]);
  });

  it('keeps an address on two affiliations of one author once', () => {
    const authors = [author('Schuster', 'Andreas', 'A', 'A. andreas_schuster@gmx.net.', 'B. andreas_schuster@gmx.net.')];
    attributeEmails(authors);
    expect(authors[0]!.emails).toEqual(['andreas_schuster@gmx.net']);
  });
});
