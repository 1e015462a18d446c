import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { Article } from '../../src/discover/article.js';
import { EutilsClient } from '../../src/discover/eutils-client.js';
import { type SearchOptions, searchArticles } from '../../src/discover/search.js';
import { EutilsServer, maxPerSecond } from './eutils-server.js';

const server = new EutilsServer();
let dir: string;

beforeAll(async () => {
  await server.start();
  dir = await mkdtemp(join(tmpdir(), 'discover-client-'));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

async function collect(client: EutilsClient, term: string, opts: SearchOptions = {}): Promise<Article[]> {
  const out: Article[] = [];
  for await (const a of searchArticles(client, term, opts)) out.push(a);
  return out;
}

const since = (n: number) => server.seen.slice(n);

describe('E-utilities client against a loopback server', () => {
  it('pages the esearch history and POSTs efetch in batches, with tool and email', async () => {
    const n = server.seen.length;
    const client = new EutilsClient({ baseUrl: server.url, email: 'me@example.org' });
    const arts = await collect(client, 'radiology', { pageSize: 40, batchSize: 25 });
    expect(new Set(arts.map((a) => a.pmid))).toEqual(new Set(server.pmids));
    const reqs = since(n);
    const searches = reqs.filter((r) => r.util === 'esearch');
    expect(searches.map((r) => r.params.get('retstart'))).toEqual(['0', '40', '80']);
    expect(searches.every((r) => r.params.get('usehistory') === 'y')).toBe(true);
    expect(searches[1]!.params.get('WebEnv')).toBe('MCID_test');
    const fetches = reqs.filter((r) => r.util === 'efetch');
    expect(fetches.every((r) => r.method === 'POST')).toBe(true);
    expect(fetches.map((r) => r.params.get('id')!.split(',').length)).toEqual([25, 15, 25, 15, 12]);
    expect(reqs.every((r) => r.params.get('tool') === 'mentor-outreach' && r.params.get('email') === 'me@example.org')).toBe(true);
    expect(client.requests).toBe(reqs.length);
  });

  it('retries after a 429, honouring Retry-After', async () => {
    const n = server.seen.length;
    server.fail429 = 1;
    const client = new EutilsClient({ baseUrl: server.url });
    const arts = await collect(client, 'radiology', { pageSize: 100, batchSize: 100 });
    expect(arts).toHaveLength(92);
    const reqs = since(n);
    expect(reqs.map((r) => r.util)).toEqual(['esearch', 'esearch', 'efetch']);
    expect(reqs[1]!.at - reqs[0]!.at).toBeGreaterThanOrEqual(990);
    expect(reqs.some((r) => r.params.has('email'))).toBe(false);
  });

  it('serves a repeated search from the disk cache with zero requests', async () => {
    const cacheDir = join(dir, 'cache');
    const first = await collect(new EutilsClient({ baseUrl: server.url, cacheDir }), 'cached', { batchSize: 50 });
    const n = server.seen.length;
    const again = new EutilsClient({ baseUrl: server.url, cacheDir });
    const second = await collect(again, 'cached', { batchSize: 50 });
    expect(server.seen.length - n).toBe(0);
    expect(again.requests).toBe(0);
    expect(second).toEqual(first);
  });

  it('splits a search of more than 10,000 hits (esearch2.xml: 42,249) by publication date', async () => {
    const n = server.seen.length;
    const arts = await collect(new EutilsClient({ baseUrl: server.url }), 'big', { batchSize: 200 });
    expect(arts).toHaveLength(92);
    const dated = since(n).filter((r) => r.util === 'esearch' && r.params.get('mindate'));
    expect(dated.length).toBeGreaterThan(0);
    expect(dated.every((r) => r.params.get('datetype') === 'pdat')).toBe(true);
  });

  it('bisects the date range until each part fits, covering every article once', async () => {
    const arts = await collect(new EutilsClient({ baseUrl: server.url }), 'narrow', { maxPerSearch: 30, minYear: 1970 });
    expect(arts.map((a) => a.pmid).sort()).toEqual([...server.pmids].sort());
  });

  it('returns nothing for a search with zero hits (esearch8.xml) and fetches nothing', async () => {
    const n = server.seen.length;
    const notes: string[] = [];
    const arts = await collect(new EutilsClient({ baseUrl: server.url }), 'abcXYZ', { onNotice: (m) => notes.push(m) });
    expect(arts).toEqual([]);
    expect(since(n).map((r) => r.util)).toEqual(['esearch']);
    expect(notes.join()).toContain('abcXYZ');
  });

  it('`discover --institution --topic` builds the query, caches under <dir>/.cache/pubmed and writes the CSV', async () => {
    const n = server.seen.length;
    const imported: string[] = [];
    const out = join(dir, 'out.csv');
    await runCli(dir, ['discover', '--institution', 'Stanford', '--topic', 'gait', '--out', out, '--campaign', 'c1'], {
      env: { NCBI_EUTILS_URL: server.url, OUTREACH_NCBI_EMAIL: 'applicant@example.org' },
      discover: { importCsv: async (p, c) => imported.push(`${p}|${c}`) },
    });
    const csv = await readFile(out, 'utf8');
    expect(csv).toContain('Henry,Lew,henrylew@roses.stanford.edu,Stanford University School of Medicine/VA Palo Alto Health Care System');
    expect(imported).toEqual([`${out}|c1`]);
    expect((await readdir(join(dir, '.cache', 'pubmed'))).length).toBeGreaterThan(0);
    const term = since(n).find((r) => r.util === 'esearch')!.params.get('term');
    expect(term).toBe('"Stanford"[Affiliation] AND (radiology[Affiliation] OR imaging[Affiliation]) AND (gait)');
    expect(since(n)[0]!.params.get('email')).toBe('applicant@example.org');
  });

  it('kept every one-second window to at most 3 requests, even with two searches at once', async () => {
    await Promise.all([
      collect(new EutilsClient({ baseUrl: server.url }), 'one', { batchSize: 30 }),
      collect(new EutilsClient({ baseUrl: server.url }), 'two', { batchSize: 30 }),
    ]);
    expect(server.seen.length).toBeGreaterThan(30);
    expect(maxPerSecond(server.seen.map((r) => r.at))).toBeLessThanOrEqual(3);
  });
});
