import type Handlebars from 'handlebars';
import { withArticle } from './definite-article.js';
import { joinList } from './join-list.js';
import { journalName } from './journal-name.js';
import { isRecent, yourPaper } from './recency.js';
import { sentence } from './sentence.js';
import { cleanTitle, quoteTitle } from './title.js';
import { topicPhrase } from './topic-phrase.js';

/**
 * Handlebars passes its options object last; the positional arguments come before it.
 * Strict mode does not check a helper's arguments, so this does: a field the row lacks is
 * the same error as `{{field}}` ('"institution" not defined in ...'), and lint names the field.
 * The argument's name comes from the `trackIds` compile option.
 */
function args(all: unknown[], name: string): { params: unknown[]; options: Handlebars.HelperOptions } {
  const options = all[all.length - 1] as Handlebars.HelperOptions & { ids?: (string | null)[]; loc?: { start: { line: number; column: number } } };
  const params = all.slice(0, -1);
  params.forEach((v, i) => {
    if (v === undefined) throw new Error(`"${options.ids?.[i] ?? `argument ${i + 1}`}" not defined in ${name} - ${options.loc?.start.line ?? 0}:${options.loc?.start.column ?? 0}`);
  });
  return { params, options };
}

function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

/** The render's clock: `data.now` when the caller pinned one (preview --date), else the real time. */
function now(options: Handlebars.HelperOptions): Date {
  const n = (options.data as { now?: Date } | undefined)?.now;
  return n instanceof Date ? n : new Date();
}

/** The phrasing helpers template writers use (README, "Template helpers"). */
export function registerPhrasingHelpers(hbs: typeof Handlebars): void {
  hbs.registerHelper('title', (...all: unknown[]) => cleanTitle(str(args(all, 'title').params[0])));
  hbs.registerHelper('quoted', (...all: unknown[]) => {
    const { params } = args(all, 'quoted');
    return quoteTitle(str(params[0]), str(params[1]));
  });
  hbs.registerHelper('journal', (...all: unknown[]) => {
    const { params } = args(all, 'journal');
    return journalName(str(params[0]), str(params[1]));
  });
  hbs.registerHelper('the', (...all: unknown[]) => withArticle(str(args(all, 'the').params[0])));
  hbs.registerHelper('topic_phrase', (...all: unknown[]) => {
    const [topic, phrase] = args(all, 'topic_phrase').params;
    return topicPhrase(str(topic), str(phrase));
  });
  hbs.registerHelper('is_recent', (...all: unknown[]) => {
    const { params, options } = args(all, 'is_recent');
    return isRecent(str(params[0]), now(options));
  });
  hbs.registerHelper('your_paper', (...all: unknown[]) => {
    const { params, options } = args(all, 'your_paper');
    return yourPaper(str(params[0]), now(options));
  });
  hbs.registerHelper('sentence', (...all: unknown[]) => sentence(str(args(all, 'sentence').params[0])));
  hbs.registerHelper('list', (...all: unknown[]) => joinList(args(all, 'list').params));
}
