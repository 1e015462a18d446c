import { type IncomingMessage, type Server, createServer } from 'node:http';
import { listenLoopback } from '../eutils-server.js';
import { parseQuery } from './pubmed-query.js';
import type { PubmedRecord } from './pubmed-records.js';

export interface SeenRequest {
  at: number;
  util: string;
  params: URLSearchParams;
}

/**
 * A loopback E-utilities that searches a set of real PubMed records: esearch evaluates the
 * term (pubmed-query.ts) and mindate/maxdate over them, sorts by publication date when asked
 * (else by PMID, newest first), and pages with retstart/retmax; efetch returns the requested
 * records as a PubmedArticleSet. Strict: an unknown tag, a bad query or a missing parameter is
 * an error, as at NCBI.
 */
export class RecordsEutilsServer {
  readonly seen: SeenRequest[] = [];
  url = '';
  private server: Server | undefined;
  private readonly byPmid = new Map<string, PubmedRecord>();

  constructor(records: PubmedRecord[]) {
    for (const r of records) {
      if (this.byPmid.has(r.pmid)) throw new Error(`PMID ${r.pmid} twice in the record set`);
      this.byPmid.set(r.pmid, r);
    }
  }

  get size(): number {
    return this.byPmid.size;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'text/xml; charset=UTF-8' });
        res.end(body);
      });
    });
    this.url = await listenLoopback(this.server);
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise((r) => this.server?.close(r));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: string }> {
    const at = Date.now();
    const u = new URL(req.url ?? '/', 'http://x');
    let body = '';
    for await (const c of req) body += c;
    const params = new URLSearchParams(u.search);
    if (req.method === 'POST') for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
    const util = u.pathname.replace(/^.*\/(\w+)\.fcgi$/, '$1');
    this.seen.push({ at, util, params });
    if (params.get('db') !== 'pubmed') return { status: 400, body: '<ERROR>db must be pubmed</ERROR>' };
    try {
      if (util === 'esearch') return { status: 200, body: this.esearch(params) };
      if (util === 'efetch') return this.efetch(params);
    } catch (e) {
      return { status: 200, body: `<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult><ERROR>${String((e as Error).message).replace(/[<&]/g, ' ')}</ERROR></eSearchResult>` };
    }
    return { status: 404, body: 'unknown utility' };
  }

  private esearch(p: URLSearchParams): string {
    const term = p.get('term');
    if (!term) throw new Error('Empty term and query_key - nothing todo');
    const match = parseQuery(term);
    const from = (p.get('mindate') ?? '0000').replace(/-/g, '/');
    const to = (p.get('maxdate') ?? '9999').replace(/-/g, '/');
    const lo = from.length === 4 ? `${from}/01/01` : from.length === 7 ? `${from}/01` : from;
    const hi = to.length === 4 ? `${to}/12/31` : to.length === 7 ? `${to}/31` : to;
    if ((p.get('mindate') || p.get('maxdate')) && p.get('datetype') !== 'pdat') throw new Error('mindate/maxdate without datetype=pdat');
    const hits = [...this.byPmid.values()].filter((r) => r.date >= lo && r.date <= hi && match(r));
    hits.sort(p.get('sort') === 'pub_date' ? (a, b) => b.date.localeCompare(a.date) || Number(b.pmid) - Number(a.pmid) : (a, b) => Number(b.pmid) - Number(a.pmid));
    const start = Number(p.get('retstart') ?? 0);
    const page = hits.slice(start, start + Number(p.get('retmax') ?? 20));
    return (
      '<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n' +
      `<eSearchResult><Count>${hits.length}</Count><RetMax>${page.length}</RetMax><RetStart>${start}</RetStart>` +
      (p.get('usehistory') === 'y' ? '<QueryKey>1</QueryKey><WebEnv>MCID_records</WebEnv>' : '') +
      `<IdList>\n${page.map((r) => `<Id>${r.pmid}</Id>\n`).join('')}</IdList><TranslationSet/><QueryTranslation>${term.replace(/[<&]/g, ' ')}</QueryTranslation></eSearchResult>\n`
    );
  }

  private efetch(p: URLSearchParams): { status: number; body: string } {
    const ids = (p.get('id') ?? '').split(',').filter(Boolean);
    if (ids.length === 0) return { status: 400, body: '<ERROR>Empty id list - nothing todo</ERROR>' };
    if (p.get('retmode') !== 'xml') return { status: 400, body: '<ERROR>only retmode=xml is served here</ERROR>' };
    const arts = ids.map((id) => this.byPmid.get(id)?.xml).filter(Boolean);
    return {
      status: 200,
      body: `<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">\n<PubmedArticleSet>\n${arts.join('\n')}\n</PubmedArticleSet>\n`,
    };
  }
}
