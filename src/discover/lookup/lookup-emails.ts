import { type Article, newestFirst } from '../article.js';
import { type Candidate, bestEmailSource, mostRecent } from '../candidate.js';
import type { EutilsClient } from '../eutils-client.js';
import { parseEsearch } from '../esearch-result.js';
import { fetchArticles } from '../search.js';
import { authorQuery } from './author-query.js';
import { judgeOwnAddresses } from './own-address.js';
import { compareNames } from './person-name.js';
import { judgeIdentity, profileOf } from './same-person.js';

export interface LookupOptions {
  /** Earliest publication year searched. */
  since: number;
  /** The --topic, one more source of topic words. */
  topic?: string | undefined;
  onProgress?: (phase: 'searching' | 'fetching', done: number, total: number) => void;
}

export interface FoundAddress {
  email: string;
  pmid: string;
  year: number | undefined;
  /** Why the address is theirs and why that author is them. */
  why: string[];
}

export interface LookupOutcome {
  candidate: Candidate;
  query: string;
  /** Papers PubMed has for the query in the window (esearch Count). */
  hits: number;
  /** Papers fetched and examined (the newest PER_PERSON, minus the candidate's own). */
  examined: number;
  found?: FoundAddress;
  refused: { email: string; pmid: string; year: number | undefined; why: string }[];
}

export interface LookupReport {
  outcomes: LookupOutcome[];
  /** Requests sent over the network during the look-up (cache hits not counted). */
  requests: number;
}

/** Most recent papers looked at per person (esearch retmax). */
const PER_PERSON = 20;
/** PMIDs per efetch POST. */
const BATCH_SIZE = 200;

// Free-mail domains: a personal address stays valid when its owner changes institution.
const PERSONAL = /@(gmail|googlemail|hotmail|outlook|live|yahoo|aol|icloud|me|gmx|web|mail|protonmail|qq|163|126|naver|hanmail|daum)\.[a-z.]+$/i;

/**
 * Looks up an address for every candidate without one in their other papers: one esearch
 * per candidate (newest first, bounded), then every PMID found fetched in efetch POST
 * batches, then each paper judged (own-address.ts: is the address this author's;
 * same-person.ts: is this author the candidate). The most recent accepted address wins and
 * is set on `candidate.lookup`.
 */
export async function lookupEmails(client: EutilsClient, candidates: Candidate[], opts: LookupOptions): Promise<LookupReport> {
  const before = client.requests;
  const todo = candidates.filter((c) => !bestEmailSource(c));
  const searched = new Map<Candidate, { query: string; hits: number; ids: string[] }>();
  let done = 0;
  opts.onProgress?.('searching', 0, todo.length);
  // One esearch at a time: the rate limiter (rate-limiter.ts) paces every request anyway,
  // holding its place until it has finished and counting the window from there.
  for (const c of todo) {
    const { term } = authorQuery(c);
    const r = parseEsearch(
      await client.call('esearch', { term, retmax: String(PER_PERSON), sort: 'pub_date', datetype: 'pdat', mindate: String(opts.since), maxdate: '3000' }),
    );
    const own = new Set(c.papers.map((p) => p.article.pmid));
    searched.set(c, { query: term, hits: r.count, ids: r.ids.filter((id) => !own.has(id)) });
    opts.onProgress?.('searching', ++done, todo.length);
  }

  const ids = [...new Set(todo.flatMap((c) => searched.get(c)!.ids))];
  const articles = new Map<string, Article>();
  const batches = Math.ceil(ids.length / BATCH_SIZE);
  opts.onProgress?.('fetching', 0, batches);
  for await (const a of fetchArticles(client, ids, BATCH_SIZE, (_, n) => opts.onProgress?.('fetching', n, batches))) articles.set(a.pmid, a);

  const outcomes = todo.map((c) => judge(c, searched.get(c)!, articles, opts.topic));
  return { outcomes, requests: client.requests - before };
}

function judge(c: Candidate, s: { query: string; hits: number; ids: string[] }, articles: Map<string, Article>, topic?: string): LookupOutcome {
  const papers = s.ids
    .map((id) => articles.get(id))
    .filter((a): a is Article => a !== undefined)
    .sort(newestFirst);
  const out: LookupOutcome = { candidate: c, query: s.query, hits: s.hits, examined: papers.length, refused: [] };
  const profile = profileOf(c, topic);
  const latest = mostRecent(c)?.article.year ?? 0;
  for (const a of papers) {
    const matches = a.authors.map((au, i) => ({ i, name: compareNames(c, au) })).filter((m) => m.name.agrees);
    if (matches.length !== 1) continue; // not on it by name, or two authors of that name: cannot tell which
    const { i, name } = matches[0]!;
    const verdicts = judgeOwnAddresses(a, i);
    if (verdicts.length === 0) continue;
    const who = judgeIdentity(profile, a, i, name);
    for (const v of verdicts) {
      const at = { email: v.email, pmid: a.pmid, year: a.year };
      const key = v.email.toLowerCase();
      // Each address is explained once, on its most recent paper.
      const refuse = (why: string): void => void (out.refused.some((r) => r.email.toLowerCase() === key) || out.refused.push({ ...at, why }));
      if (out.found?.email.toLowerCase() === key) continue;
      if (!who.same) refuse(`may be a namesake: ${who.reasons.join('; ')}`);
      else if (!v.ok) refuse(v.why);
      else if (!who.sameInstitution && (a.year ?? 0) < latest && !PERSONAL.test(v.email)) {
        refuse(`from an earlier institution (${who.institution || 'another'}); their ${latest} paper is at ${c.institution || 'another'}`);
      } else if (!out.found) out.found = { ...at, why: [v.why, `same person: ${who.reasons.join('; ')}`] };
    }
  }
  if (out.found) c.lookup = { email: out.found.email, pmid: out.found.pmid, year: out.found.year };
  return out;
}
