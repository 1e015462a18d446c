import { execFile } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parseEfetchXml } from '../src/discover/parse-efetch-xml.js';

/**
 * Issue 4 benchmark: parse throughput and peak memory of the streaming efetch reader on a
 * file made by repeating the fixture articles (>= 100 MB; ~10 MB with --quick). The parse
 * runs in a child process so its peak RSS is the parse's alone. Goal: peak < 200 MB.
 */
export async function benchPubmed(opts: { quick: boolean }): Promise<{ pubmed_parse_mb_per_s: number; pubmed_parse_articles_per_s: number; pubmed_parse_peak_mb: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-pubmed-'));
  try {
    const file = join(dir, 'efetch-large.xml');
    const bytes = await buildFile(file, opts.quick ? 10e6 : 100e6);
    const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { maxBuffer: 1e6 });
    const r = JSON.parse(stdout.trim().split('\n').pop()!) as { articles: number; ms: number; maxRssKb: number };
    const mb = bytes / 1e6;
    const out = {
      pubmed_parse_mb_per_s: round((mb / r.ms) * 1000),
      pubmed_parse_articles_per_s: Math.round((r.articles / r.ms) * 1000),
      pubmed_parse_peak_mb: round(r.maxRssKb / 1024),
    };
    console.log(`pubmed: parsed ${mb.toFixed(1)} MB (${r.articles} articles) in ${(r.ms / 1000).toFixed(2)} s`);
    console.log(`pubmed: ${out.pubmed_parse_mb_per_s} MB/s, ${out.pubmed_parse_articles_per_s} articles/s, peak RSS ${out.pubmed_parse_peak_mb} MB (goal < 200 MB)`);
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (x: number): number => Math.round(x * 10) / 10;

/** The repository root (works from scripts/ and from dist/scripts/). */
function repoRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json'))) d = dirname(d);
  return d;
}

/** Header of the 92-article fixture, then its articles over and over, then the closing tag. */
async function buildFile(path: string, minBytes: number): Promise<number> {
  const set = await readFile(join(repoRoot(), 'test/fixtures/pubmed/pair/p1m_pubmed_result_92.xml'), 'utf8');
  const start = set.indexOf('<PubmedArticle>');
  const end = set.lastIndexOf('</PubmedArticleSet>');
  const body = set.slice(start, end);
  const fh = await open(path, 'w');
  try {
    await fh.write(set.slice(0, start));
    let written = start;
    while (written < minBytes) written += (await fh.write(body)).bytesWritten;
    await fh.write('</PubmedArticleSet>\n');
  } finally {
    await fh.close();
  }
  return (await stat(path)).size;
}

/** Child: parse the file, print {articles, ms, maxRssKb} as the last line. */
async function child(file: string): Promise<void> {
  const t0 = performance.now();
  let articles = 0;
  for await (const _a of parseEfetchXml(createReadStream(file, { highWaterMark: 256 * 1024 }))) articles++;
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ articles, ms, maxRssKb: process.resourceUsage().maxRSS }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--child');
  if (i >= 0) await child(process.argv[i + 1]!);
  else console.log(JSON.stringify(await benchPubmed({ quick: process.argv.includes('--quick') })));
}
