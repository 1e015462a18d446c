import cliProgress from 'cli-progress';
import type { Article, IssueSink } from './article.js';
import { eutilsClientFor } from './eutils-from-env.js';
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

/** The articles to rank: read from --from, or searched on PubMed with a progress bar on a TTY. */
export async function* articleSource(o: SourceOptions): AsyncGenerator<Article> {
  const err = o.stderr ?? process.stderr;
  if (o.from) {
    yield* readArticles(o.from, o.onIssue);
    return;
  }
  const client = eutilsClientFor(o.dir, o.env ?? process.env, err);
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
