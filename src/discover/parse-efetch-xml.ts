import { open } from 'node:fs/promises';
import { type Article, type Author, type IssueSink, normaliseOrcid, yearOf } from './article.js';
import { attributeEmails } from './emails.js';
import { type Span, element, elements, openTag, startTag, tagName, textOf } from './xml-bytes.js';

const T = {
  article: tagName('PubmedArticle'),
  pmid: tagName('PMID'),
  body: tagName('Article'),
  journal: tagName('Journal'),
  title: tagName('Title'),
  pubDate: tagName('PubDate'),
  year: tagName('Year'),
  medlineDate: tagName('MedlineDate'),
  articleTitle: tagName('ArticleTitle'),
  articleDate: tagName('ArticleDate'),
  authorList: tagName('AuthorList'),
  author: tagName('Author'),
  collective: tagName('CollectiveName'),
  lastName: tagName('LastName'),
  foreName: tagName('ForeName'),
  initials: tagName('Initials'),
  identifier: tagName('Identifier'),
  affiliation: tagName('Affiliation'),
};
const END_ARTICLE = T.article.close;

type Opts = { source?: string; onIssue?: IssueSink };

/**
 * Streams PubMed efetch XML (PubmedArticleSet, https://www.nlm.nih.gov/bsd/licensee/elements_descriptions.html).
 * Reads bytes, not a DOM or SAX events: each chunk is cut at `</PubmedArticle>` and only the
 * elements discover uses are looked up with native searches (see xml-bytes.ts), so an article
 * costs time linear in its size and memory stays flat whatever the file size.
 */
export async function* parseEfetchXml(input: AsyncIterable<string | Buffer>, opts: Opts = {}): AsyncGenerator<Article> {
  let carry: Buffer | undefined;
  const count = { n: 0 };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    // Only the unfinished article is carried over (a few kB), so this copy stays small.
    const buf = carry ? Buffer.concat([carry, bytes]) : bytes;
    const rest = yield* completeArticles(buf, count, opts);
    carry = rest < buf.length ? buf.subarray(rest) : undefined;
  }
}

/**
 * The same for a file, read into one buffer that is reused for the whole file (grown only for
 * an article larger than it), so reading 100 MB allocates no 100 MB of chunks for the
 * garbage collector to find. Every article is turned into strings before the buffer is refilled.
 */
export async function* parseEfetchFile(path: string, opts: Opts = {}, bufferSize = 1 << 20): AsyncGenerator<Article> {
  const fh = await open(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(bufferSize);
    let len = 0;
    const count = { n: 0 };
    for (;;) {
      if (len === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, len);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, len, buf.length - len, null);
      len += bytesRead;
      const rest = yield* completeArticles(buf.subarray(0, len), count, opts);
      buf.copyWithin(0, rest, len);
      len -= rest;
      if (bytesRead === 0) return;
    }
  } finally {
    await fh.close();
  }
}

/** Yields every complete `<PubmedArticle>` in `buf`; returns where the unfinished rest begins. */
function* completeArticles(buf: Buffer, count: { n: number }, opts: Opts): Generator<Article, number> {
  let pos = 0;
  for (let end = buf.indexOf(END_ARTICLE, pos); end >= 0; end = buf.indexOf(END_ARTICLE, pos)) {
    const start = openTag(buf, T.article, pos, end);
    pos = end + END_ARTICLE.length;
    if (start < 0) continue;
    count.n++;
    const art = readArticle(buf.subarray(start, end));
    if (art.pmid) yield art;
    else opts.onIssue?.({ where: `${opts.source ?? 'efetch'}: article #${count.n}`, reason: 'no PMID' });
  }
  return pos;
}

const text = (buf: Buffer, s: Span | undefined): string => (s ? textOf(buf, s) : '');

/** One `<PubmedArticle>` (a view of just it): the first PMID is MedlineCitation's own (it comes first). */
function readArticle(buf: Buffer): Article {
  const from = 0;
  const to = buf.length;
  const art: Article = { pmid: text(buf, element(buf, T.pmid, from, to)), title: '', journal: '', year: undefined, authors: [] };
  const body = element(buf, T.body, from, to);
  if (!body) return art;
  const journal = element(buf, T.journal, body.start, body.end);
  let pubYear: string | undefined;
  if (journal) {
    art.journal = text(buf, element(buf, T.title, journal.start, journal.end));
    const pub = element(buf, T.pubDate, journal.start, journal.end);
    if (pub) pubYear = text(buf, element(buf, T.year, pub.start, pub.end) ?? element(buf, T.medlineDate, pub.start, pub.end)) || undefined;
  }
  art.title = text(buf, element(buf, T.articleTitle, body.start, body.end));
  for (const list of elements(buf, T.authorList, body.start, body.end)) {
    for (const a of elements(buf, T.author, list.start, list.end)) {
      const au = readAuthor(buf.subarray(a.start, a.end));
      if (au) art.authors.push(au);
    }
  }
  let year = yearOf(pubYear);
  if (year === undefined) {
    const date = element(buf, T.articleDate, body.start, body.end);
    if (date) year = yearOf(text(buf, element(buf, T.year, date.start, date.end)));
  }
  art.year = year;
  attributeEmails(art.authors);
  return art;
}

/** A person, from a view of their `<Author>` content (group authors, `<CollectiveName>`, are not candidates). */
function readAuthor(buf: Buffer): Author | undefined {
  const a = { start: 0, end: buf.length };
  if (openTag(buf, T.collective, a.start, a.end) >= 0) return undefined;
  const lastName = text(buf, element(buf, T.lastName, a.start, a.end));
  if (!lastName) return undefined;
  const au: Author = {
    lastName,
    foreName: text(buf, element(buf, T.foreName, a.start, a.end)),
    initials: text(buf, element(buf, T.initials, a.start, a.end)),
    affiliations: [],
    emails: [],
  };
  for (const id of elements(buf, T.identifier, a.start, a.end)) {
    if (!/Source\s*=\s*["']ORCID["']/.test(startTag(buf, id))) continue;
    const orcid = normaliseOrcid(textOf(buf, id));
    if (orcid) {
      au.orcid = orcid;
      break;
    }
  }
  for (const s of elements(buf, T.affiliation, a.start, a.end)) {
    const v = textOf(buf, s);
    if (v) au.affiliations.push(v);
  }
  return au;
}
