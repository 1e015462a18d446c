import { UserError } from '../errors/user-error.js';
import { RateLimiter } from './rate-limiter.js';
import { ResponseCache } from './response-cache.js';

export const DEFAULT_EUTILS_URL = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/';

export interface EutilsOptions {
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  /** NCBI asks for a contact address with every request; omitted when unknown. */
  email?: string | undefined;
  tool?: string;
  /** Folder for the response cache; no cache when absent. */
  cacheDir?: string | undefined;
  retries?: number;
  /** First back-off delay when the server gives no Retry-After. */
  backoffMs?: number;
  /** Until the server has answered once, a request with no answer in this time means it can't be reached. */
  firstAnswerMs?: number;
  /** Longest wait for one answer once the server has answered before (large efetch batches). */
  answerMs?: number;
}

const OFFLINE_HINT =
  'check the connection (or NCBI_EUTILS_URL); to work without it, save a PubMed search (Save, format PubMed) and run: outreach discover --from <file>';

/**
 * A small E-utilities client (https://www.ncbi.nlm.nih.gov/books/NBK25499/): every request
 * goes through the process-wide rate limiter, is retried on 429/5xx with back-off honouring
 * Retry-After, and is answered from the disk cache when the same request was made before.
 */
export class EutilsClient {
  /** Requests sent over the network (cache hits not counted). */
  requests = 0;
  /** Set once the server has answered (any HTTP status): from then on, slow answers are waited for. */
  private reached = false;
  private readonly base: string;
  private readonly limiter: RateLimiter;
  private readonly cache: ResponseCache | undefined;

  constructor(private readonly opts: EutilsOptions = {}) {
    this.base = (opts.baseUrl || DEFAULT_EUTILS_URL).replace(/\/?$/, '/');
    this.limiter = RateLimiter.forKey(opts.apiKey);
    this.cache = opts.cacheDir ? new ResponseCache(opts.cacheDir) : undefined;
  }

  /** GET or POST `<base><util>.fcgi`; POST sends the parameters as a form body (long id lists). */
  async call(util: 'esearch' | 'efetch', params: Record<string, string>, method: 'GET' | 'POST' = 'GET'): Promise<string> {
    const { WebEnv: _w, ...stable } = params;
    const key = ResponseCache.keyOf({ util, ...stable });
    const hit = await this.cache?.get(key);
    if (hit !== undefined) return hit;
    const all = new URLSearchParams({ db: 'pubmed', ...params, tool: this.opts.tool ?? 'mentor-outreach' });
    if (this.opts.email) all.set('email', this.opts.email);
    if (this.opts.apiKey) all.set('api_key', this.opts.apiKey);
    const body = await this.send(`${this.base}${util}.fcgi`, all, method);
    await this.cache?.set(key, body);
    return body;
  }

  private async send(url: string, params: URLSearchParams, method: 'GET' | 'POST'): Promise<string> {
    const retries = this.opts.retries ?? 5;
    let delay = this.opts.backoffMs ?? 1000;
    for (let attempt = 0; ; attempt++) {
      const finished = await this.limiter.take();
      this.requests++;
      let status = 0;
      let retryAfter: string | null = null;
      let cause: unknown;
      const wait = this.reached ? (this.opts.answerMs ?? 120_000) : (this.opts.firstAnswerMs ?? 5_000);
      try {
        const signal = AbortSignal.timeout(wait);
        const res =
          method === 'GET'
            ? await fetch(`${url}?${params}`, { signal })
            : await fetch(url, { method: 'POST', body: params, signal });
        this.reached = true;
        const text = await res.text();
        if (res.ok) return text;
        status = res.status;
        retryAfter = res.headers.get('retry-after');
        if (status !== 429 && status < 500) {
          throw new UserError(`HTTP ${status}: ${text.slice(0, 200).replace(/\s+/g, ' ')}`, {
            where: 'NCBI E-utilities',
            hint: 'check the --query syntax and NCBI_EUTILS_URL',
          });
        }
      } catch (err) {
        if (err instanceof UserError) throw err;
        cause = err;
        // Never answered: refused, unknown host or silence. Say so now rather than after minutes of retries.
        if (!this.reached) {
          throw new UserError(`cannot reach NCBI E-utilities (${networkReason(err, wait)})`, {
            where: url.replace(/\?.*$/, ''),
            hint: OFFLINE_HINT,
            cause: err,
          });
        }
      } finally {
        // Once per request, as soon as its answer has been read (or it has failed), on every path.
        finished();
      }
      if (attempt >= retries) {
        throw new UserError(status ? `HTTP ${status} after ${attempt + 1} attempts` : 'no answer', {
          where: `NCBI E-utilities (${url.replace(/\?.*$/, '')})`,
          hint: 'NCBI may be busy; try again later (responses fetched so far are cached)',
          cause,
        });
      }
      await new Promise((r) => setTimeout(r, waitMs(retryAfter, delay)));
      delay *= 2;
    }
  }
}

/** "ECONNREFUSED", "ENOTFOUND", "no answer in 5 s": why a request got no HTTP answer. */
function networkReason(err: unknown, waitedMs: number): string {
  const e = err as { name?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer in ${Math.round(waitedMs / 1000)} s`;
  return e?.cause?.code ?? e?.cause?.message ?? String(err);
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); otherwise the back-off delay. */
export function waitMs(retryAfter: string | null, fallback: number): number {
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter.trim())) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - Date.now());
  }
  return fallback + Math.floor(Math.random() * fallback * 0.2);
}
