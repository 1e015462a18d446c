import type { Article, IssueSink } from './article.js';
import { eutilsClientFor } from './eutils-from-env.js';
import { terminalProgress } from './progress.js';
import { buildQuery, type QueryInput } from './query.js';
import { readArticles } from './read-articles.js';
import { searchArticles } from './search.js';

export interface SourceOptions extends QueryInput {
  /** Saved efetch XML, MEDLINE or PubMed CSV files instead of a search; merged, each PMID once. */
  from?: string[] | string | undefined;
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
    const files = typeof o.from === 'string' ? [o.from] : o.from;
    const seen = new Set<string>();
    for (const file of files) {
      let n = 0;
      let again = 0;
      for await (const a of readArticles(file, o.onIssue)) {
        n++;
        if (seen.has(a.pmid)) {
          again++;
          continue;
        }
        seen.add(a.pmid);
        yield a;
      }
      if (files.length > 1 || again > 0) err.write(`${file}: ${n} articles${again ? ` (${again} with a PMID read before, counted once)` : ''}\n`);
    }
    return;
  }
  const client = eutilsClientFor(o.dir, o.env ?? process.env, err);
  const bar = terminalProgress(err, 'fetching {bar} {value}/{total} articles');
  const term = buildQuery(o);
  err.write(`searching PubMed: ${term}\n`);
  try {
    yield* searchArticles(client, term, {
      ...(o.maxArticles !== undefined ? { maxArticles: o.maxArticles } : {}),
      ...(o.since !== undefined ? { minYear: o.since } : {}),
      onNotice: (m) => err.write(`note: ${m}\n`),
      onProgress: (done, total) => {
        // A bar on a terminal; otherwise one line a batch (logs, CI, pipes).
        if (!bar) err.write(done === 0 ? `PubMed: ${total} articles to fetch\n` : `fetched ${done}/${total} articles\n`);
        else bar.tick(done, total);
      },
    });
  } finally {
    bar?.stop();
  }
}
