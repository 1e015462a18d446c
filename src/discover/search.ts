import { Readable } from 'node:stream';
import type { Article } from './article.js';
import type { EutilsClient } from './eutils-client.js';
import { parseEsearch } from './esearch-result.js';
import { parseEfetchXml } from './parse-efetch-xml.js';

export interface SearchOptions {
  /** IDs per esearch page. */
  pageSize?: number;
  /** IDs per efetch POST ("a few hundred"). */
  batchSize?: number;
  /** esearch cannot page past 10,000 hits: a larger search is split by publication date. */
  maxPerSearch?: number;
  /** Earliest publication year considered when splitting. */
  minYear?: number;
  /** Stop after this many articles. */
  maxArticles?: number;
  onProgress?: (fetched: number, total: number) => void;
  onNotice?: (message: string) => void;
}

type Range = { from: string; to: string } | undefined;

/**
 * esearch (usehistory=y) for the IDs, then efetch by POST in batches; yields articles as
 * they are parsed. Date ranges go through mindate/maxdate (datetype=pdat).
 */
export async function* searchArticles(client: EutilsClient, term: string, opts: SearchOptions = {}): AsyncGenerator<Article> {
  const pageSize = opts.pageSize ?? 1000;
  const max = opts.maxArticles ?? Infinity;
  const esearch = (range: Range, retstart: number, webEnv?: string) =>
    client
      .call('esearch', {
        term,
        usehistory: 'y',
        retmax: String(pageSize),
        retstart: String(retstart),
        sort: 'pub_date',
        ...(range ? { datetype: 'pdat', mindate: range.from, maxdate: range.to } : {}),
        ...(webEnv ? { WebEnv: webEnv } : {}),
      })
      .then(parseEsearch);

  const first = await esearch(undefined, 0);
  if (first.notFound.length > 0) opts.onNotice?.(`PubMed did not find: ${first.notFound.join(', ')}`);
  const ranges = await splitRanges(first.count, opts, (r) => esearch(r, 0));
  const total = Math.min(max, ranges.reduce((n, r) => n + r.count, 0));
  let fetched = 0;
  opts.onProgress?.(0, total);
  for (const { range, count, head } of ranges) {
    let page = head ?? first;
    for (let start = 0; start < count && fetched < max; start += pageSize) {
      if (start > 0) page = await esearch(range, start, page.webEnv);
      const ids = page.ids.slice(0, max - fetched);
      const before = fetched;
      yield* fetchArticles(client, ids, opts.batchSize ?? 200, (done) => {
        fetched = before + done;
        opts.onProgress?.(fetched, total);
      });
      if (ids.length === 0) break;
    }
  }
}

/**
 * The articles of these PMIDs, by efetch POST in batches of `batchSize`, yielded as they are
 * parsed; after each batch's last article, `onBatch` hears how many IDs and batches are done.
 */
export async function* fetchArticles(
  client: EutilsClient,
  ids: string[],
  batchSize: number,
  onBatch?: (idsDone: number, batchesDone: number) => void,
): AsyncGenerator<Article> {
  for (let i = 0; i < ids.length; i += batchSize) {
    const batch = ids.slice(i, i + batchSize);
    const xml = await client.call('efetch', { id: batch.join(','), retmode: 'xml', rettype: 'abstract' }, 'POST');
    yield* parseEfetchXml(Readable.from([xml]));
    onBatch?.(i + batch.length, i / batchSize + 1);
  }
}

interface Leaf {
  range: Range;
  count: number;
  head?: Awaited<ReturnType<typeof parseEsearch>>;
}

/** Halves the date range until each part has at most maxPerSearch hits, newest part first. */
async function splitRanges(
  count: number,
  opts: SearchOptions,
  probe: (r: Range) => Promise<Awaited<ReturnType<typeof parseEsearch>>>,
): Promise<Leaf[]> {
  const limit = opts.maxPerSearch ?? 9999;
  if (count <= limit) return [{ range: undefined, count }];
  const leaves: Leaf[] = [];
  const visit = async (fromDay: number, toDay: number): Promise<void> => {
    const range = { from: dayStr(fromDay), to: dayStr(toDay) };
    const head = await probe(range);
    if (head.count === 0) return;
    if (head.count <= limit || fromDay === toDay) {
      if (head.count > limit) opts.onNotice?.(`${range.from}: ${head.count} hits in one day; only ${limit} used`);
      leaves.push({ range, count: Math.min(head.count, limit), head });
      return;
    }
    const mid = Math.floor((fromDay + toDay) / 2);
    await visit(mid + 1, toDay);
    await visit(fromDay, mid);
  };
  const today = Math.floor(Date.now() / 86_400_000);
  await visit(Math.floor(Date.UTC(opts.minYear ?? 1900, 0, 1) / 86_400_000), today);
  return leaves;
}

function dayStr(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '/');
}
