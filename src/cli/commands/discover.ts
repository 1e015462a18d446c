import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { UserError } from '../../errors/user-error.js';
import type { ParseIssue } from '../../discover/article.js';
import { articleSource } from '../../discover/article-source.js';
import { InstitutionTally } from '../../discover/institution-tally.js';
import { toCsv, toRow } from '../../discover/output-csv.js';
import { candidatePlace, isCountryCode } from '../../discover/place.js';
import { CandidatePool } from '../../discover/rank.js';
import { roleOf } from '../../discover/role.js';

export interface DiscoverHooks {
  /** Imports a contacts CSV into a campaign (the `import` command's core), for --campaign. */
  importCsv?: (csvPath: string, campaign: string) => Promise<unknown>;
}

const int = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a positive whole number`);
  return n;
};

const year = (v: string): number => {
  if (!/^(19|20)\d\d$/.test(v)) throw new InvalidArgumentError('expected a four-digit year, e.g. 2020');
  return Number(v);
};

/** `--country US` (the default), any ISO 3166-1 alpha-2 code, or `any` for everyone. */
export const country = (v: string): string => {
  if (v.toLowerCase() === 'any') return 'any';
  if (!/^[A-Za-z]{2}$/.test(v) || !isCountryCode(v)) throw new InvalidArgumentError('expected an ISO 3166-1 country code such as US or CA, or "any"');
  return v.toUpperCase();
};
export const COUNTRY_HELP = 'only candidates at institutions in this country (ISO code; "any": everyone)';
export const FROM_HELP = 'read saved files instead of searching (efetch XML, PubMed format .nbib/.txt, PubMed CSV); several are merged';

/** Bad records are reported (file:line or PMID) and skipped; the rest goes on (ARCHITECTURE.md invariant 5). */
const reportIssue = (i: ParseIssue): void => void process.stderr.write(`warning: ${i.where}: ${i.reason}\n`);

/** `outreach discover`: PubMed search or --from files -> ranked contacts CSV. */
export function registerDiscover(program: Command, hooks: DiscoverHooks): void {
  const discover = program
    .command('discover')
    .description('find radiology research mentors on PubMed (or in a saved file) and write a contacts CSV')
    // Options after `institutions` belong to it (both commands have --topic, --since, ...).
    .enablePositionalOptions()
    .option('--institution <name>', 'institution to search in [Affiliation] (optional with --from)')
    .option('--topic <text>', 'research topic, e.g. "breast MRI"')
    .option('--since <year>', 'only papers published from this year on', year)
    .option('--max <n>', 'at most this many candidates in the CSV', int('--max'), 100)
    .option('--max-articles <n>', 'fetch at most this many articles', int('--max-articles'), 2000)
    .option('--out <file.csv>', 'write the CSV here (default: stdout, or data/ with --campaign)')
    .option('--campaign <name>', 'import the CSV into this campaign straight away')
    .option('--query <pubmed query>', 'a raw PubMed query instead of --institution/--topic')
    .option('--from <file...>', FROM_HELP)
    .option('--country <code>', COUNTRY_HELP, country, 'US')
    .option('--explain', 'show how each score is made up')
    .option('--json', 'print the candidates as JSON on stdout')
    .action(async (o: DiscoverOpts) => {
      const dir = resolve(String(program.opts().dir ?? process.cwd()));
      if (!o.from && !o.query && !o.institution && !o.topic) {
        throw new UserError('nothing to search for', { where: 'discover', hint: 'give --institution and --topic, --query, or --from <file>' });
      }
      const pool = new CandidatePool({ institution: o.institution, topic: o.topic, since: o.since });
      let articles = 0;
      for await (const a of articleSource({ ...o, dir, onIssue: reportIssue })) {
        pool.add(a);
        articles++;
      }
      // U.S. institutions unless --country says otherwise: a candidate whose country can't be told is left out.
      const located = pool.ranked().map((c) => ({ c, place: candidatePlace(c) }));
      const kept = o.country === 'any' ? located : located.filter((x) => x.place?.country === o.country);
      const ranked = kept.slice(0, o.max).map((x) => x.c);
      const rows = kept.slice(0, o.max).map(({ c, place }) => toRow(c, o.topic, { place, role: roleOf(c) }));
      let out = o.out ? resolve(o.out) : undefined;
      if (!out && o.campaign) out = join(dir, 'data', `discover-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
      if (out) {
        await mkdir(dirname(out), { recursive: true });
        await writeFile(out, toCsv(rows));
      }
      const info = out ? process.stdout : process.stderr;
      if (o.json) {
        process.stdout.write(JSON.stringify({ articles, out: out ?? null, candidates: ranked.map((c, i) => ({ ...rows[i], parts: c.parts })) }, null, 2) + '\n');
      } else if (!out) process.stdout.write(toCsv(rows));
      if (o.explain) {
        for (const [i, c] of ranked.entries()) {
          const parts = Object.entries(c.parts).map(([k, v]) => `${k} ${v}`).join(' + ');
          (o.json ? process.stderr : info).write(`${i + 1}. ${c.lastName}, ${c.foreName}: ${c.score} = ${parts}\n`);
        }
      }
      const manual = rows.filter((r) => r.needs_manual_lookup === 'yes').length;
      const away = located.length - kept.length;
      const left = away > 0 ? `; ${away} left out as not in ${o.country} or not placed, --country any keeps them` : '';
      process.stderr.write(`${articles} articles, ${rows.length} candidates (${manual} need a manual e-mail look-up${left})${out ? ` -> ${out}` : ''}\n`);
      if (o.campaign && out) {
        if (!hooks.importCsv) throw new UserError('import is not available in this build', { where: 'discover --campaign', hint: `run: outreach import ${out} --campaign ${o.campaign}` });
        await hooks.importCsv(out, o.campaign);
      }
    });

  discover
    .command('institutions')
    .description('rank institutions with radiology/imaging authors by recent output in a topic')
    .option('--topic <text>', 'research topic (required)')
    .option('--since <year>', 'from this year on (default: five years ago)', year)
    .option('--max <n>', 'show this many institutions', int('--max'), 25)
    .option('--max-articles <n>', 'fetch at most this many articles', int('--max-articles'), 2000)
    .option('--query <pubmed query>', 'a raw PubMed query instead of --topic')
    .option('--from <file...>', FROM_HELP)
    .option('--country <code>', COUNTRY_HELP, country, 'US')
    .option('--json', 'print JSON on stdout')
    .action(async (_o: DiscoverOpts, cmd: Command) => {
      const o = typedOn(cmd);
      if (!o.topic && !o.query && !o.from) throw new UserError('--topic is required', { where: 'discover institutions', hint: 'e.g. --topic "breast MRI"' });
      const dir = resolve(String(program.opts().dir ?? process.cwd()));
      const since = o.since ?? new Date().getUTCFullYear() - 5;
      const tally = new InstitutionTally(o.country);
      for await (const a of articleSource({ ...o, since, dir, onIssue: reportIssue })) {
        if ((a.year ?? 0) >= since) tally.add(a);
      }
      const top = tally.ranked().slice(0, o.max);
      if (o.json) process.stdout.write(JSON.stringify(top, null, 2) + '\n');
      else for (const [i, d] of top.entries()) process.stdout.write(`${String(i + 1).padStart(3)}. ${d.institution}${d.state ? `, ${d.state}` : ''}  (${d.articles} articles, ${d.authors} authors, latest ${d.latestYear ?? '?'})\n`);
    });
}

/**
 * The subcommand's options, also when `discover` took them: unless the program enables
 * positional options, commander gives `--topic` after `institutions` to the parent.
 */
function typedOn(cmd: Command): DiscoverOpts {
  const parent = cmd.parent;
  const out: Record<string, unknown> = { ...cmd.opts() };
  for (const [k, v] of Object.entries(parent?.opts() ?? {})) {
    if (parent?.getOptionValueSource(k) === 'cli' && cmd.getOptionValueSource(k) !== 'cli' && cmd.options.some((x) => x.attributeName() === k)) out[k] = v;
  }
  return out as unknown as DiscoverOpts;
}

interface DiscoverOpts {
  institution?: string;
  topic?: string;
  since?: number;
  max: number;
  maxArticles: number;
  out?: string;
  campaign?: string;
  query?: string;
  from?: string[];
  country: string;
  explain?: boolean;
  json?: boolean;
}
