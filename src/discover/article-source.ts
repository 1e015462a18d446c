import { join } from 'node:path';
import cliProgress from 'cli-progress';
import type { Article, IssueSink } from './article.js';
import { EutilsClient } from './eutils-client.js';
import { buildQuery, type QueryInput } from './query.js';
import { readArticles } from './read-articles.js';
import { searchArticles } from './search.js';

export interface SourceOptions extends QueryInput {
  /** A saved efetch XML, MEDLINE or PubMed CSV file instead of a search. */
  from?: string | undefined;
  /** Project folder; the response cache lives under <dir>/.cache/pubmed/. */
  dir: string;
  maxArticles?: number | undefined;
  env?: NodeJS.ProcessEnv;
  onIssue?: IssueSink;
  stderr?: NodeJS.WriteStream;
}

let warnedNoEmail = false;

/** The articles to rank: read from --from, or searched on PubMed with a progress bar on a TTY. */
export async function* articleSource(o: SourceOptions): AsyncGenerator<Article> {
  const err = o.stderr ?? process.stderr;
  if (o.from) {
    yield* readArticles(o.from, o.onIssue);
    return;
  }
  const env = o.env ?? process.env;
  const email = env['OUTREACH_NCBI_EMAIL'] || undefined;
  if (!email && !warnedNoEmail) {
    warnedNoEmail = true;
    err.write('warning: OUTREACH_NCBI_EMAIL is not set; NCBI asks for a contact e-mail with E-utilities requests\n');
  }
  const client = new EutilsClient({
    baseUrl: env['NCBI_EUTILS_URL'],
    apiKey: env['NCBI_API_KEY'] || undefined,
    email,
    cacheDir: join(o.dir, '.cache', 'pubmed'),
  });
  const bar = err.isTTY
    ? new cliProgress.SingleBar({ stream: err, format: 'fetching {bar} {value}/{total} articles', hideCursor: true }, cliProgress.Presets.shades_classic)
    : undefined;
  let started = false;
  try {
    yield* searchArticles(client, buildQuery(o), {
      ...(o.maxArticles !== undefined ? { maxArticles: o.maxArticles } : {}),
      ...(o.since !== undefined ? { minYear: o.since } : {}),
      onNotice: (m) => err.write(`note: ${m}\n`),
      onProgress: (done, total) => {
        if (!bar) return;
        if (!started) bar.start(total, done);
        else bar.update(done);
        started = true;
      },
    });
  } finally {
    bar?.stop();
  }
}
