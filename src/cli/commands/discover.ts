import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { UserError } from '../../errors/user-error.js';
import type { ParseIssue } from '../../discover/article.js';
import { articleSource } from '../../discover/article-source.js';
import { DepartmentTally } from '../../discover/institutions.js';
import { toCsv, toRow } from '../../discover/output-csv.js';
import { CandidatePool } from '../../discover/rank.js';
import { type RunLookupResult, explainLookup, runLookup } from '../../discover/lookup/run-lookup.js';

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

/** Bad records are reported (file:line or PMID) and skipped; the rest goes on (DESIGN invariant 5). */
const reportIssue = (i: ParseIssue): void => void process.stderr.write(`warning: ${i.where}: ${i.reason}\n`);

/** `outreach discover` (issue 4): PubMed search or --from file -> ranked contacts CSV. */
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
    .option('--from <file>', 'read efetch XML, PubMed format (.nbib/.txt) or PubMed CSV instead of searching')
    .option('--lookup-emails', 'look up addresses of candidates without one in their other papers (default when searching PubMed)')
    .option('--no-lookup-emails', 'do not look up addresses')
    .option('--lookup-since <year>', 'look-up: only papers from this year on (default: ten years back)', year)
    .option('--explain', 'show how each score is made up, and why each looked-up address was taken or refused')
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
      const ranked = pool.ranked().slice(0, o.max);
      // On by default when searching PubMed; a --from file is offline by intent.
      let lookup: RunLookupResult | undefined;
      if (o.lookupEmails ?? !o.from) lookup = await runLookup(ranked, { dir, since: o.lookupSince, topic: o.topic });
      const rows = ranked.map((c) => toRow(c, o.topic));
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
        if (lookup) for (const line of explainLookup(lookup)) (o.json ? process.stderr : info).write(`${line}\n`);
      }
      const manual = rows.filter((r) => r.needs_manual_lookup === 'yes').length;
      const found = lookup ? `, ${lookup.outcomes.filter((x) => x.found).length} found in other papers with ${lookup.requests} requests` : '';
      process.stderr.write(`${articles} articles, ${rows.length} candidates (${manual} need a manual e-mail look-up${found})${out ? ` -> ${out}` : ''}\n`);
      if (o.campaign && out) {
        if (!hooks.importCsv) throw new UserError('import is not available in this build', { where: 'discover --campaign', hint: `run: outreach import ${out} --campaign ${o.campaign}` });
        await hooks.importCsv(out, o.campaign);
      }
    });

  discover
    .command('institutions')
    .description('rank radiology/imaging departments by recent output in a topic')
    .option('--topic <text>', 'research topic (required)')
    .option('--since <year>', 'from this year on (default: five years ago)', year)
    .option('--max <n>', 'show this many departments', int('--max'), 25)
    .option('--max-articles <n>', 'fetch at most this many articles', int('--max-articles'), 2000)
    .option('--query <pubmed query>', 'a raw PubMed query instead of --topic')
    .option('--from <file>', 'read a saved file instead of searching')
    .option('--json', 'print JSON on stdout')
    .action(async (_o: DiscoverOpts, cmd: Command) => {
      const o = typedOn(cmd);
      if (!o.topic && !o.query && !o.from) throw new UserError('--topic is required', { where: 'discover institutions', hint: 'e.g. --topic "breast MRI"' });
      const dir = resolve(String(program.opts().dir ?? process.cwd()));
      const since = o.since ?? new Date().getUTCFullYear() - 5;
      const tally = new DepartmentTally();
      for await (const a of articleSource({ ...o, since, dir, onIssue: reportIssue })) {
        if ((a.year ?? 0) >= since) tally.add(a);
      }
      const top = tally.ranked().slice(0, o.max);
      if (o.json) process.stdout.write(JSON.stringify(top, null, 2) + '\n');
      else for (const [i, d] of top.entries()) process.stdout.write(`${String(i + 1).padStart(3)}. ${d.department}  (${d.articles} articles, ${d.authors} authors, latest ${d.latestYear ?? '?'})\n`);
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
  from?: string;
  explain?: boolean;
  json?: boolean;
  lookupEmails?: boolean;
  lookupSince?: number;
}
