import type { Candidate } from '../candidate.js';
import { eutilsClientFor } from '../eutils-from-env.js';
import { terminalProgress } from '../progress.js';
import { type LookupReport, lookupEmails } from './lookup-emails.js';

export interface RunLookupOptions {
  /** Project folder (the response cache lives under it). */
  dir: string;
  /** --lookup-since; default ten years back. */
  since?: number | undefined;
  topic?: string | undefined;
  env?: NodeJS.ProcessEnv;
  stderr?: NodeJS.WriteStream;
}

export interface RunLookupResult extends LookupReport {
  since: number;
  ms: number;
}

/** `discover`'s look-up step: the client from the environment and a progress bar on a terminal. */
export async function runLookup(candidates: Candidate[], o: RunLookupOptions): Promise<RunLookupResult> {
  const err = o.stderr ?? process.stderr;
  const since = o.since ?? new Date().getUTCFullYear() - 10;
  const client = eutilsClientFor(o.dir, o.env ?? process.env, err);
  const bar = terminalProgress(err, 'e-mail look-up: {phase} {bar} {value}/{total}');
  const t0 = Date.now();
  try {
    const report = await lookupEmails(client, candidates, {
      since,
      topic: o.topic,
      onProgress: (phase, done, total) => bar?.tick(done, total, { phase: phase === 'searching' ? 'searching authors' : 'fetching papers' }),
    });
    return { ...report, since, ms: Date.now() - t0 };
  } finally {
    bar?.stop();
  }
}

/** The `--explain` lines: per candidate looked up, the query, then each address found or refused and why. */
export function explainLookup(r: RunLookupResult): string[] {
  const lines: string[] = [];
  for (const o of r.outcomes) {
    const c = o.candidate;
    lines.push(`look-up ${c.lastName}, ${c.foreName}: ${o.hits} paper${o.hits === 1 ? '' : 's'} since ${r.since} for ${o.query}; ${o.examined} examined`);
    if (o.found) lines.push(`  found ${o.found.email} (PMID ${o.found.pmid}, ${o.found.year ?? 'no year'}): ${o.found.why.join('; ')}`);
    for (const x of o.refused) lines.push(`  refused ${x.email} (PMID ${x.pmid}, ${x.year ?? 'no year'}): ${x.why}`);
    if (!o.found && o.refused.length === 0) lines.push('  no address on those papers');
  }
  return lines;
}
