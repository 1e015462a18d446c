import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { type Article, type Author, type IssueSink, collapse, normaliseOrcid, yearOf } from './article.js';
import { attributeEmails } from './emails.js';

/**
 * Streams PubMed efetch XML (PubmedArticleSet, https://www.nlm.nih.gov/bsd/licensee/elements_descriptions.html):
 * articles are yielded as each </PubmedArticle> closes, so memory stays flat whatever the file size.
 */
export async function* parseEfetchXml(
  input: AsyncIterable<string | Buffer>,
  opts: { source?: string; onIssue?: IssueSink } = {},
): AsyncGenerator<Article> {
  const done: Article[] = [];
  const parser = new SaxesParser();
  const stack: string[] = [];
  let art: Article | undefined;
  let au: (Author & { collective?: boolean }) | undefined;
  let pubYear: string | undefined;
  let articleYear: string | undefined;
  let text = '';
  let capture = false;
  let count = 0;

  const parent = (n: number): string | undefined => stack[stack.length - 1 - n];
  parser.on('opentag', (tag) => {
    const name = tag.name;
    stack.push(name);
    if (name === 'PubmedArticle') {
      art = { pmid: '', title: '', journal: '', year: undefined, authors: [] };
      pubYear = articleYear = undefined;
    } else if (art && name === 'Author' && parent(1) === 'AuthorList' && parent(2) === 'Article') {
      au = { lastName: '', foreName: '', initials: '', affiliations: [], emails: [] };
    } else if (au && name === 'CollectiveName') {
      au.collective = true;
    }
    if (name === 'Identifier' && au && String(tag.attributes['Source'] ?? '') !== 'ORCID') return;
    if (art && !capture && CAPTURED.has(name)) {
      capture = true;
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (capture) text += t;
  });
  parser.on('cdata', (t) => {
    if (capture) text += t;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    const up = parent(1);
    if (capture && CAPTURED.has(name) && art) {
      capture = false;
      const v = collapse(text);
      if (name === 'PMID' && up === 'MedlineCitation') art.pmid = v;
      else if (name === 'ArticleTitle') art.title = v;
      else if (name === 'Title' && up === 'Journal') art.journal = v;
      else if ((name === 'Year' || name === 'MedlineDate') && up === 'PubDate') pubYear ??= v;
      else if (name === 'Year' && up === 'ArticleDate') articleYear ??= v;
      else if (au) {
        if (name === 'LastName') au.lastName = v;
        else if (name === 'ForeName') au.foreName = v;
        else if (name === 'Initials') au.initials = v;
        else if (name === 'Identifier') au.orcid ??= normaliseOrcid(v);
        else if (name === 'Affiliation' && v) au.affiliations.push(v);
      }
    }
    if (name === 'Author' && au && art && up === 'AuthorList') {
      if (!au.collective && au.lastName) {
        const { collective: _c, ...author } = au;
        if (author.orcid === undefined) delete author.orcid;
        art.authors.push(author);
      }
      au = undefined;
    } else if (name === 'PubmedArticle' && art) {
      count++;
      art.year = yearOf(pubYear) ?? yearOf(articleYear);
      attributeEmails(art.authors);
      if (art.pmid) done.push(art);
      else opts.onIssue?.({ where: `${opts.source ?? 'efetch'}: article #${count}`, reason: 'no PMID' });
      art = undefined;
    }
    stack.pop();
  });

  // A Buffer chunk may end inside a multi-byte character; the decoder carries it over.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    while (done.length > 0) yield done.shift()!;
  }
  parser.write(decoder.end());
  parser.close();
  while (done.length > 0) yield done.shift()!;
}

const CAPTURED = new Set([
  'PMID', 'ArticleTitle', 'Title', 'Year', 'MedlineDate', 'LastName', 'ForeName', 'Initials', 'Identifier', 'Affiliation',
]);
