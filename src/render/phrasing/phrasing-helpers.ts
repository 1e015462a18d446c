import type Handlebars from 'handlebars';
import { withArticle } from './definite-article.js';
import { joinList } from './join-list.js';
import { journalName } from './journal-name.js';
import { isRecent, yourPaper } from './recency.js';
import { cleanTitle, quoteTitle } from './title.js';
import { topicPhrase } from './topic-phrase.js';

/** Handlebars passes its options object last; the positional arguments come before it. */
function args(all: unknown[]): { params: unknown[]; options: Handlebars.HelperOptions } {
  return { params: all.slice(0, -1), options: all[all.length - 1] as Handlebars.HelperOptions };
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
  hbs.registerHelper('title', (t: unknown) => cleanTitle(str(t)));
  hbs.registerHelper('quoted', (...all: unknown[]) => {
    const { params } = args(all);
    return quoteTitle(str(params[0]), str(params[1]));
  });
  hbs.registerHelper('journal', (...all: unknown[]) => {
    const { params } = args(all);
    return journalName(str(params[0]), str(params[1]));
  });
  hbs.registerHelper('the', (name: unknown) => withArticle(str(name)));
  hbs.registerHelper('topic_phrase', (topic: unknown, phrase: unknown) => topicPhrase(str(topic), typeof phrase === 'string' ? phrase : ''));
  hbs.registerHelper('is_recent', (...all: unknown[]) => {
    const { params, options } = args(all);
    return isRecent(str(params[0]), now(options));
  });
  hbs.registerHelper('your_paper', (...all: unknown[]) => {
    const { params, options } = args(all);
    return yourPaper(str(params[0]), now(options));
  });
  hbs.registerHelper('list', (...all: unknown[]) => joinList(args(all).params));
}
