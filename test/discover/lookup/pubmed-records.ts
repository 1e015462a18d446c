import { readFileSync } from 'node:fs';

/** One PubMed record as the test server indexes it: searchable fields plus its efetch XML. */
export interface PubmedRecord {
  pmid: string;
  /** Publication date as YYYY/MM/DD (month and day 01 when the record gives none). */
  date: string;
  title: string;
  abstract: string;
  authors: { last: string; fore: string; initials: string; affiliations: string[] }[];
  /** The <PubmedArticle> element served by efetch. */
  xml: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function dateOf(year: string | undefined, month: string | undefined): string {
  const m = month ? (/^\d+$/.test(month) ? Number(month) : MONTHS.indexOf(month.slice(0, 3).toLowerCase()) + 1) : 1;
  return `${year ?? '1900'}/${String(Math.max(1, m)).padStart(2, '0')}/01`;
}

const decode = (s: string): string =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const one = (xml: string, re: RegExp): string | undefined => re.exec(xml)?.[1];

/** Every <PubmedArticle> of an efetch XML file, served verbatim. */
export function readXmlRecords(path: string): PubmedRecord[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/<PubmedArticle>[\s\S]*?<\/PubmedArticle>/g)].map(([xml]) => {
    const pub = one(xml, /<PubDate>([\s\S]*?)<\/PubDate>/) ?? '';
    const year = one(pub, /<Year>(\d{4})<\/Year>/) ?? one(pub, /<MedlineDate>(\d{4})/);
    const authorList = one(xml, /<Article[ >][\s\S]*?<AuthorList[^>]*>([\s\S]*?)<\/AuthorList>/) ?? '';
    return {
      pmid: one(xml, /<PMID[^>]*>(\d+)<\/PMID>/)!,
      date: dateOf(year, one(pub, /<Month>([^<]+)<\/Month>/)),
      title: decode(one(xml, /<ArticleTitle>([\s\S]*?)<\/ArticleTitle>/) ?? ''),
      abstract: decode([...xml.matchAll(/<AbstractText[^>]*>([\s\S]*?)<\/AbstractText>/g)].map((m) => m[1]).join(' ')),
      authors: [...authorList.matchAll(/<Author [^>]*>([\s\S]*?)<\/Author>/g)]
        .map(([, a]) => ({
          last: decode(one(a!, /<LastName>([\s\S]*?)<\/LastName>/) ?? ''),
          fore: decode(one(a!, /<ForeName>([\s\S]*?)<\/ForeName>/) ?? ''),
          initials: decode(one(a!, /<Initials>([\s\S]*?)<\/Initials>/) ?? ''),
          affiliations: [...a!.matchAll(/<Affiliation>([\s\S]*?)<\/Affiliation>/g)].map((m) => decode(m[1]!)),
        }))
        .filter((a) => a.last),
      xml,
    };
  });
}

/**
 * Every record of a MEDLINE (PubMed format) file. efetch serves them as <PubmedArticle>
 * rendered here from the record's own fields (PMID, DP, TI, AB, JT, FAU/AU, AD, AUID), the
 * text unchanged: what `efetch retmode=xml` returns for the same record carries the same values.
 */
export function readMedlineRecords(path: string): PubmedRecord[] {
  const recs = readFileSync(path, 'utf8').split(/\r?\n\s*\r?\n(?=PMID-)/);
  const out: PubmedRecord[] = [];
  for (const rec of recs) {
    const fields: [string, string][] = [];
    for (const line of rec.split(/\r?\n/)) {
      const m = /^([A-Z]{2,4})\s*-\s?(.*)$/.exec(line);
      if (m) fields.push([m[1]!, m[2]!]);
      else if (/^\s/.test(line) && fields.length > 0) fields[fields.length - 1]![1] += ' ' + line.trim();
    }
    const get = (t: string): string | undefined => fields.find(([k]) => k === t)?.[1];
    const pmid = get('PMID')?.trim();
    if (!pmid) continue;
    const authors: (PubmedRecord['authors'][number] & { orcid?: string })[] = [];
    let fau = false;
    for (const [tag, v] of fields) {
      if (tag === 'FAU') {
        const [last, fore = ''] = v.split(/,\s*/, 2) as [string, string?];
        authors.push({ last: last.trim(), fore: fore.trim(), initials: '', affiliations: [] });
        fau = true;
      } else if (tag === 'AU' && fau) {
        authors[authors.length - 1]!.initials = v.trim().slice(authors[authors.length - 1]!.last.length).trim();
        fau = false;
      } else if (tag === 'AD' && authors.length > 0) authors[authors.length - 1]!.affiliations.push(v.trim());
      else if (tag === 'AUID' && authors.length > 0 && /ORCID/i.test(v)) authors[authors.length - 1]!.orcid = v.replace(/^ORCID:\s*/i, '').trim();
    }
    const dp = get('DP') ?? '';
    const [year, month] = dp.split(/\s+/);
    const title = get('TI') ?? '';
    const abstract = get('AB') ?? '';
    const xml =
      `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">${pmid}</PMID><Article PubModel="Print">` +
      `<Journal><JournalIssue CitedMedium="Internet"><PubDate><Year>${escape(year ?? '')}</Year>${month ? `<Month>${escape(month)}</Month>` : ''}</PubDate></JournalIssue>` +
      `<Title>${escape(get('JT') ?? '')}</Title><ISOAbbreviation>${escape(get('TA') ?? '')}</ISOAbbreviation></Journal>` +
      `<ArticleTitle>${escape(title)}</ArticleTitle>${abstract ? `<Abstract><AbstractText>${escape(abstract)}</AbstractText></Abstract>` : ''}` +
      `<AuthorList CompleteYN="Y">${authors
        .map(
          (a) =>
            `<Author ValidYN="Y"><LastName>${escape(a.last)}</LastName><ForeName>${escape(a.fore)}</ForeName><Initials>${escape(a.initials)}</Initials>` +
            (a.orcid ? `<Identifier Source="ORCID">${escape(a.orcid)}</Identifier>` : '') +
            a.affiliations.map((x) => `<AffiliationInfo><Affiliation>${escape(x)}</Affiliation></AffiliationInfo>`).join('') +
            '</Author>',
        )
        .join('')}</AuthorList></Article></MedlineCitation></PubmedArticle>`;
    out.push({ pmid, date: dateOf(year, month), title, abstract, authors, xml });
  }
  return out;
}
