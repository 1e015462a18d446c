import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../../errors/user-error.js';
import type { ParseIssue } from '../../discover/article.js';
import type { Candidate } from '../../discover/candidate.js';
import { articleSource } from '../../discover/article-source.js';
import { InstitutionTally } from '../../discover/institution-tally.js';
import { toCsv, toRow } from '../../discover/output-csv.js';
import { candidatePlace, isCountryCode } from '../../discover/place.js';
import { CandidatePool } from '../../discover/rank.js';
import { roleOf } from '../../discover/role.js';
import { type RunLookupResult, explainLookup, runLookup } from '../../discover/lookup/run-lookup.js';
import type { CommandResult, Ctx } from '../io.js';

export interface DiscoverHooks {
  /** Imports a contacts CSV into a campaign (the `import` command's core), for --campaign. */
  importCsv?: (csvPath: string, campaign: string) => Promise<unknown>;
}

/** `--country US` (the default), any ISO 3166-1 alpha-2 code, or `any` for everyone. */
export function checkCountry(v: string | undefined): string {
  if (v === undefined) return 'US';
  if (v.toLowerCase() === 'any') return 'any';
  if (!/^[A-Za-z]{2}$/.test(v) || !isCountryCode(v)) throw new UserError(`"${v}": expected an ISO 3166-1 country code such as US or CA, or "any"`, { where: '--country', hint: '"any" keeps candidates from every country' });
  return v.toUpperCase();
}

/** Bad records are reported (file:line or PMID) and skipped; the rest goes on (ARCHITECTURE.md, invariant 5). */
const issueReporter = (ctx: Ctx) => (i: ParseIssue): void => void ctx.io.stderr.write(`warning: ${i.where}: ${i.reason}\n`);

/** `outreach discover`: PubMed search or --from file -> ranked contacts CSV. */
export async function discover(ctx: Ctx, o: DiscoverOpts, hooks: DiscoverHooks = {}): Promise<CommandResult> {
  const dir = resolve(ctx.dir);
  if (!o.from && !o.query && !o.institution && !o.topic) {
    throw new UserError('nothing to search for', { where: 'discover', hint: 'give --institution and --topic, --query, or --from <file>' });
  }
  const country = checkCountry(o.country);
  const pool = new CandidatePool({ institution: o.institution, topic: o.topic, since: o.since });
  let articles = 0;
  for await (const a of articleSource({ ...o, dir, env: ctx.io.env, stderr: ctx.io.stderr as NodeJS.WriteStream, onIssue: issueReporter(ctx) })) {
    pool.add(a);
    articles++;
  }
  // U.S. institutions unless --country says otherwise: a candidate whose country can't be told is left out.
  // With --country any nobody is left out, so only the candidates kept are placed.
  const candidates = pool.ranked();
  const locate = (c: Candidate) => ({ c, place: candidatePlace(c) });
  let kept: ReturnType<typeof locate>[];
  let away = 0;
  if (country === 'any') kept = candidates.slice(0, o.max).map(locate);
  else {
    const located = candidates.map(locate);
    const inCountry = located.filter((x) => x.place?.country === country);
    kept = inCountry.slice(0, o.max);
    away = located.length - inCountry.length;
  }
  const ranked = kept.map((x) => x.c);
  // On by default when searching PubMed; a --from file is offline by intent.
  let lookup: RunLookupResult | undefined;
  if (o.lookupEmails ?? !o.from) lookup = await runLookup(ranked, { dir, since: o.lookupSince, topic: o.topic, env: ctx.io.env, stderr: ctx.io.stderr as NodeJS.WriteStream });
  const rows = kept.map(({ c, place }) => toRow(c, o.topic, { place, role: roleOf(c) }));
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
  const left = away > 0 ? `; ${away} left out as not in ${country} or not placed, --country any keeps them` : '';
  const notes = [`${articles} articles, ${rows.length} candidates (${manual} need a manual e-mail look-up${found}${left})${out ? ` -> ${out}` : ''}`];
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
  const tally = new InstitutionTally(checkCountry(o.country));
  for await (const a of articleSource({ ...o, since, dir, env: ctx.io.env, stderr: ctx.io.stderr as NodeJS.WriteStream, onIssue: issueReporter(ctx) })) {
    if ((a.year ?? 0) >= since) tally.add(a);
  }
  const top = tally.ranked().slice(0, o.max);
  return {
    data: top,
    text: top.map((d, i) => `${String(i + 1).padStart(3)}. ${d.institution}${d.state ? `, ${d.state}` : ''}  (${d.articles} articles, ${d.authors} authors, latest ${d.latestYear ?? '?'})`).join('\n'),
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
  from?: string[];
  /** ISO code, or "any"; default US. */
  country?: string;
  /** Look up addresses in the candidates' other papers (default: when searching PubMed). */
  lookupEmails?: boolean;
  lookupSince?: number;
  explain?: boolean;
  json?: boolean;
}
