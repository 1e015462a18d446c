import { readFileSync } from 'node:fs';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const FIX = join(import.meta.dirname, '../fixtures/pubmed');
const read = (p: string): string => readFileSync(join(FIX, p), 'utf8');

export interface SeenRequest {
  at: number;
  util: string;
  method: string;
  params: URLSearchParams;
}

/**
 * A loopback stand-in for E-utilities serving the fixtures: the 92 articles of pubmed/pair as
 * the search results (esearch pages in the layout of the esearch fixtures, efetch by POSTed
 * ids), esearch2.xml verbatim for the term "big" (42,249 hits), esearch8.xml for "abcXYZ".
 */
export class EutilsServer {
  readonly seen: SeenRequest[] = [];
  /** Answer the next N requests with 429 + Retry-After: 1. */
  fail429 = 0;
  private server: Server | undefined;
  private readonly articles = new Map<string, { xml: string; year: number }>();
  private readonly head: string;
  url = '';

  constructor() {
    const set = read('pair/p1m_pubmed_result_92.xml');
    this.head = set.slice(0, set.indexOf('<PubmedArticle>'));
    for (const m of set.matchAll(/<PubmedArticle>[\s\S]*?<\/PubmedArticle>/g)) {
      const pmid = /<PMID[^>]*>(\d+)<\/PMID>/.exec(m[0])![1]!;
      const pub = /<PubDate>[\s\S]*?(\d{4})/.exec(m[0])![1]!;
      this.articles.set(pmid, { xml: m[0], year: Number(pub) });
    }
  }

  get pmids(): string[] {
    return [...this.articles.keys()];
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'text/xml', ...headers });
        res.end(body);
      });
    });
    this.url = await listenLoopback(this.server);
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server?.close(r));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: string; headers?: Record<string, string> }> {
    const at = Date.now();
    const u = new URL(req.url ?? '/', 'http://x');
    let body = '';
    for await (const c of req) body += c;
    const params = req.method === 'POST' ? new URLSearchParams(body) : u.searchParams;
    const util = u.pathname.replace(/^.*\/(\w+)\.fcgi$/, '$1');
    this.seen.push({ at, util, method: req.method ?? '', params });
    if (this.fail429 > 0) {
      this.fail429--;
      return { status: 429, body: '{"error":"API rate limit exceeded"}', headers: { 'retry-after': '1' } };
    }
    if (util === 'esearch') return { status: 200, body: this.esearch(params) };
    if (util === 'efetch') {
      const ids = (params.get('id') ?? '').split(',');
      const arts = ids.map((id) => this.articles.get(id)?.xml ?? '').join('\n');
      return { status: 200, body: `${this.head}${arts}\n</PubmedArticleSet>\n` };
    }
    return { status: 404, body: 'unknown utility' };
  }

  private esearch(p: URLSearchParams): string {
    const term = p.get('term') ?? '';
    if (term.includes('abcXYZ')) return read('esearch/biopython_esearch8.xml');
    if (term === 'big' && !p.get('mindate')) return read('esearch/biopython_esearch2.xml');
    // Each article counts as published on 1 January of its year (enough for disjoint ranges).
    const from = p.get('mindate') ?? '0000/01/01';
    const to = p.get('maxdate') ?? '9999/12/31';
    const ids = [...this.articles].filter(([, a]) => `${a.year}/01/01` >= from && `${a.year}/01/01` <= to).map(([id]) => id);
    const start = Number(p.get('retstart') ?? 0);
    const max = Number(p.get('retmax') ?? 20);
    const page = ids.slice(start, start + max);
    return (
      '<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult>' +
      `<Count>${ids.length}</Count><RetMax>${page.length}</RetMax><RetStart>${start}</RetStart>` +
      `<QueryKey>1</QueryKey><WebEnv>MCID_test</WebEnv><IdList>\n${page.map((i) => `<Id>${i}</Id>\n`).join('')}</IdList>` +
      `<TranslationSet/><QueryTranslation>${term.replace(/[<&]/g, '')}</QueryTranslation></eSearchResult>`
    );
  }
}

/** The largest number of requests that started within any one-second window. */
export function maxPerSecond(times: number[]): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j]! - t[i]! >= 1000) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** Listens on a free loopback port; returns the E-utilities base URL there. */
export async function listenLoopback(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/entrez/eutils/`;
}
