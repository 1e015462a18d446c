import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../../errors/user-error.js';
import type { ParseIssue } from '../../discover/article.js';
import { articleSource } from '../../discover/article-source.js';
import { DepartmentTally } from '../../discover/institutions.js';
import { toCsv, toRow } from '../../discover/output-csv.js';
import { CandidatePool } from '../../discover/rank.js';
import { type RunLookupResult, explainLookup, runLookup } from '../../discover/lookup/run-lookup.js';
import type { CommandResult, Ctx } from '../io.js';

export interface DiscoverHooks {
  /** Imports a contacts CSV into a campaign (the `import` command's core), for --campaign. */
  importCsv?: (csvPath: string, campaign: string) => Promise<unknown>;
}

/** Bad records are reported (file:line or PMID) and skipped; the rest goes on (ARCHITECTURE.md, invariant 5). */
const issueReporter = (ctx: Ctx) => (i: ParseIssue): void => void ctx.io.stderr.write(`warning: ${i.where}: ${i.reason}\n`);

/** `outreach discover`: PubMed search or --from file -> ranked contacts CSV. */
export async function discover(ctx: Ctx, o: DiscoverOpts, hooks: DiscoverHooks = {}): Promise<CommandResult> {
  const dir = resolve(ctx.dir);
  if (!o.from && !o.query && !o.institution && !o.topic) {
    throw new UserError('nothing to search for', { where: 'discover', hint: 'give --institution and --topic, --query, or --from <file>' });
  }
  const pool = new CandidatePool({ institution: o.institution, topic: o.topic, since: o.since });
  let articles = 0;
  for await (const a of articleSource({ ...o, dir, env: ctx.io.env, stderr: ctx.io.stderr as NodeJS.WriteStream, onIssue: issueReporter(ctx) })) {
    pool.add(a);
    articles++;
  }
  const ranked = pool.ranked().slice(0, o.max);
  // On by default when searching PubMed; a --from file is offline by intent.
  let lookup: RunLookupResult | undefined;
  if (o.lookupEmails ?? !o.from) lookup = await runLookup(ranked, { dir, since: o.lookupSince, topic: o.topic, env: ctx.io.env, stderr: ctx.io.stderr as NodeJS.WriteStream });
  const rows = ranked.map((c) => toRow(c, o.topic));
  let out = o.out ? resolve(o.out) : undefined;
  if (!out && o.campaign) out = join(dir, 'data', `discover-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
  if (out) {
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, toCsv(rows));
  }
  const explain = o.explain
    ? [
        ...ranked.map((c, i) => `${i + 1}. ${c.lastName}, ${c.foreName}: ${c.score} = ${Object.entries(c.parts).map(([k, v]) => `${k} ${v}`).join(' + ')}`),
        ...(lookup ? explainLookup(lookup) : []),
      ]
    : [];
  const manual = rows.filter((r) => r.needs_manual_lookup === 'yes').length;
  const found = lookup ? `, ${lookup.outcomes.filter((x) => x.found).length} found in other papers with ${lookup.requests} requests` : '';
  const notes = [`${articles} articles, ${rows.length} candidates (${manual} need a manual e-mail look-up${found})${out ? ` -> ${out}` : ''}`];
  if (o.campaign && out) {
    if (!hooks.importCsv) throw new UserError('import is not available in this build', { where: 'discover --campaign', hint: `run: outreach import ${out} --campaign ${o.campaign}` });
    await hooks.importCsv(out, o.campaign);
  }
  // Without --out the CSV is the output, so the explanation goes to stderr beside it.
  return {
    data: { articles, out: out ?? null, candidates: ranked.map((c, i) => ({ ...rows[i], parts: c.parts })) },
    text: out ? explain.join('\n') : toCsv(rows),
    notes: [...(o.json || !out ? explain : []), ...notes],
  };
}

/** `outreach discover institutions`: departments ranked by recent output in a topic. */
export async function discoverInstitutions(ctx: Ctx, o: DiscoverOpts): Promise<CommandResult> {
  if (!o.topic && !o.query && !o.from) throw new UserError('--topic is required', { where: 'discover institutions', hint: 'e.g. --topic "breast MRI"' });
  const dir = resolve(ctx.dir);
  const since = o.since ?? new Date().getUTCFullYear() - 5;
  const tally = new DepartmentTally();
  for await (const a of articleSource({ ...o, since, dir, env: ctx.io.env, stderr: ctx.io.stderr as NodeJS.WriteStream, onIssue: issueReporter(ctx) })) {
    if ((a.year ?? 0) >= since) tally.add(a);
  }
  const top = tally.ranked().slice(0, o.max);
  return {
    data: top,
    text: top.map((d, i) => `${String(i + 1).padStart(3)}. ${d.department}  (${d.articles} articles, ${d.authors} authors, latest ${d.latestYear ?? '?'})`).join('\n'),
  };
}

export interface DiscoverOpts {
  institution?: string;
  topic?: string;
  since?: number;
  max: number;
  maxArticles: number;
  out?: string;
  campaign?: string;
  query?: string;
  from?: string;
  /** Look up addresses in the candidates' other papers (default: when searching PubMed). */
  lookupEmails?: boolean;
  lookupSince?: number;
  explain?: boolean;
  json?: boolean;
}
