import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parseEfetchFile } from '../src/discover/parse-efetch-xml.js';

/**
 * Issue 4 benchmark: parse throughput and peak memory of the streaming efetch reader on a
 * file made by repeating the fixture articles (>= 100 MB; ~10 MB with --quick). The parse
 * runs in a child process so its peak RSS is the parse's alone. Goal: peak < 200 MB.
 */
export async function benchPubmed(opts: { quick: boolean }): Promise<Record<string, number>> {
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
    return { ...out, ...benchDiscoverCommand(dir, file, opts.quick ? '10mb' : '100mb') };
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

/**
 * Header of the 92-article fixture, then its articles over and over, then the closing tag.
 * Each copy gets PMIDs of its own (copy number in front), so discover merges and ranks every
 * article as new rather than skipping repeats it has already read.
 */
async function buildFile(path: string, minBytes: number): Promise<number> {
  const set = await readFile(join(repoRoot(), 'test/fixtures/pubmed/pair/p1m_pubmed_result_92.xml'), 'utf8');
  const start = set.indexOf('<PubmedArticle>');
  const end = set.lastIndexOf('</PubmedArticleSet>');
  const body = set.slice(start, end);
  const fh = await open(path, 'w');
  try {
    await fh.write(set.slice(0, start));
    let written = start;
    for (let copy = 1; written < minBytes; copy++) {
      written += (await fh.write(body.replace(/<PMID Version="1">(\d+)<\/PMID>/g, `<PMID Version="1">${copy}$1</PMID>`))).bytesWritten;
    }
    await fh.write('</PubmedArticleSet>\n');
  } finally {
    await fh.close();
  }
  return (await stat(path)).size;
}

/**
 * The whole `outreach discover --from <file>` command (start-up, parse, rank, CSV), its wall time
 * and peak RSS, next to lxml's iterparse reading the same fields from the same file (when
 * /usr/bin/python3 has lxml: `apt-get install python3-lxml`). Goal: <= 1.5x lxml, < 200 MB.
 */
function benchDiscoverCommand(dir: string, file: string, size: string): Record<string, number> {
  const root = repoRoot();
  const rssFile = join(dir, 'rss');
  const t0 = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(join(root, 'dist/scripts/report-rss.js')).href, join(root, 'dist/src/cli/main.js'), 'discover', '--from', file, '--out', join(dir, 'out.csv')],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, BENCH_RSS_FILE: rssFile } },
  );
  const s = (performance.now() - t0) / 1000;
  if (run.status !== 0) throw new Error(`discover failed: ${run.stderr}`);
  const out: Record<string, number> = {
    [`discover_${size}_s`]: Number(s.toFixed(2)),
    [`discover_${size}_peak_mb`]: round(Number(readFileSync(rssFile, 'utf8')) / 1024),
  };
  console.log(`discover --from (whole command): ${out[`discover_${size}_s`]} s, peak RSS ${out[`discover_${size}_peak_mb`]} MB (${run.stderr.trim().split('\n').pop()})`);
  // For reading the figure: how much of it is the CLI's own start-up.
  const h0 = performance.now();
  spawnSync(process.execPath, [join(root, 'dist/src/cli/main.js'), '--help'], { stdio: 'ignore' });
  console.log(`  of which CLI start-up (outreach --help alone): ${((performance.now() - h0) / 1000).toFixed(2)} s`);
  const python = '/usr/bin/python3';
  if (spawnSync(python, ['-c', 'import lxml'], { stdio: 'ignore' }).status === 0) {
    const l0 = performance.now();
    const lx = spawnSync(python, [join(root, 'scripts/lxml-efetch.py'), file], { encoding: 'utf8' });
    const ls = (performance.now() - l0) / 1000;
    if (lx.status === 0) {
      const r = JSON.parse(lx.stdout) as { articles: number; peak_mb: number };
      out[`lxml_${size}_s`] = Number(ls.toFixed(2));
      out[`discover_${size}_vs_lxml`] = Number((s / ls).toFixed(2));
      console.log(`lxml iterparse, same fields, same file: ${out[`lxml_${size}_s`]} s, peak RSS ${round(r.peak_mb)} MB (${r.articles} articles); ratio ${out[`discover_${size}_vs_lxml`]} (goal <= 1.5)`);
    }
  } else console.log('lxml: not installed (apt-get install python3-lxml); no reference figure');
  return out;
}


/** Child: parse the file, print {articles, ms, maxRssKb} as the last line. */
async function child(file: string): Promise<void> {
  const t0 = performance.now();
  let articles = 0;
  for await (const _a of parseEfetchFile(file)) articles++;
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ articles, ms, maxRssKb: process.resourceUsage().maxRSS }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--child');
  if (i >= 0) await child(process.argv[i + 1]!);
  else console.log(JSON.stringify(await benchPubmed({ quick: process.argv.includes('--quick') })));
}
