import type { Redis } from 'ioredis';
import { loadProfile, loadProject, type Project } from '../config/load.js';
import type { Profile } from '../config/profile.js';
import { usesSampleValues } from '../config/sample.js';
import type { StoredContact } from '../campaign/stored-contact.js';
import { UserError } from '../errors/user-error.js';
import { formatProblem, lintContact } from '../render/lint.js';
import { MessageRenderer } from '../render/message-renderer.js';
import { mailboxSourceFor } from '../replies/mailbox-source-for.js';
import { Keys } from '../store/keys.js';
import { connectCli, redactUrl } from '../store/redis.js';
import { createTransport } from '../transports/create-transport.js';
import { INSTALL_HINT } from './managed-redis.js';

/**
 * `outreach doctor`: every prerequisite of a send, one line each with its fix. `fail` lines
 * make the exit code non-zero; `advice` lines (AOF, NCBI, the API key) never do.
 */
export type CheckStatus = 'ok' | 'fail' | 'advice';

export interface Check {
  name: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

export interface DoctorReport {
  ok: boolean;
  checks: Check[];
}

/** BullMQ refuses older servers (its RedisConnection.minimumVersion). */
export const REDIS_MIN_VERSION = '5.0.0';
export const NODE_MIN_MAJOR = 22;
const DEFAULT_EUTILS = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils/';

const olderThan = (v: string, min: string) => {
  const a = v.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
};

const message = (err: unknown) => (err instanceof UserError ? err.line() : (err as Error).message.split('\n')[0]!);
const hintOf = (err: unknown, otherwise: string) => (err instanceof UserError && err.hint ? err.hint : otherwise);

/** A row with every known column, so a template is checked against everything a CSV may give. */
const SAMPLE_CONTACT: StoredContact = {
  id: 'doctor', email: 'mentor@example.edu', source: 'outreach doctor',
  row: {
    first_name: 'Alex', last_name: 'Mentor', email: 'mentor@example.edu', institution: 'Example University',
    topic: 'neuroradiology', timezone: 'America/New_York', recent_paper_title: 'A study', recent_paper_journal: 'Radiology',
    recent_paper_year: String(new Date().getFullYear()), recent_paper_pmid: '1',
  } as StoredContact['row'],
};

export async function runDoctor(dir: string, env: NodeJS.ProcessEnv, opts: { ncbiTimeoutMs?: number } = {}): Promise<DoctorReport> {
  const checks: Check[] = [];
  const add = (c: Check) => checks.push(c);

  const major = Number(process.versions.node.split('.')[0]);
  add(major >= NODE_MIN_MAJOR
    ? { name: 'node', status: 'ok', detail: `Node.js ${process.versions.node}` }
    : { name: 'node', status: 'fail', detail: `Node.js ${process.versions.node} is too old`, fix: `install Node.js ${NODE_MIN_MAJOR} or newer` });

  let project: Project | undefined;
  let profile: Profile | undefined;
  try {
    project = loadProject(dir, env);
    add({ name: 'config', status: 'ok', detail: `${project.dir}/outreach.config.json is valid` });
  } catch (err) {
    add({ name: 'config', status: 'fail', detail: message(err), fix: hintOf(err, 'fix the file named above') });
  }
  if (project) {
    try {
      profile = loadProfile(project);
      add({ name: 'profile', status: 'ok', detail: `${project.config.profile} is valid` });
    } catch (err) {
      add({ name: 'profile', status: 'fail', detail: message(err), fix: hintOf(err, 'fix the file named above') });
    }
  }
  if (project && profile) {
    const samples = usesSampleValues(project.config.sender, profile);
    add(samples.length === 0
      ? { name: 'sample values', status: 'ok', detail: 'none left: the sender and the profile are yours' }
      : { name: 'sample values', status: 'fail', detail: `still the starter's: ${samples.join(', ')}`, fix: 'put your own values in outreach.config.json (sender) and profile.json; the outbox accepts the samples, a real mailbox refuses them' });
    try {
      const renderer = MessageRenderer.load(project, profile);
      const problems = lintContact(renderer, 'doctor', SAMPLE_CONTACT);
      add(problems.length === 0
        ? { name: 'templates', status: 'ok', detail: `${renderer.steps} template(s) render all five parts` }
        : { name: 'templates', status: 'fail', detail: problems.map((p) => formatProblem('doctor', p).replace(/^outreach doctor: mentor@example\.edu: doctor /, '')).join('; '), fix: 'fix the template named above, then run "outreach lint --campaign <name>"' });
    } catch (err) {
      add({ name: 'templates', status: 'fail', detail: message(err), fix: hintOf(err, 'fix the template named above') });
    }
  }

  let redis: Redis | undefined;
  if (project) {
    const url = project.config.redis.url;
    try {
      redis = await connectCli(url);
      const info = await redis.info();
      const version = /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? '0.0.0';
      const policy = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1] ?? 'unknown';
      const aof = /aof_enabled:1/.test(info);
      if (olderThan(version, REDIS_MIN_VERSION)) add({ name: 'redis', status: 'fail', detail: `Redis ${version} at ${redactUrl(url)} is older than ${REDIS_MIN_VERSION}`, fix: `upgrade Redis to ${REDIS_MIN_VERSION} or newer (BullMQ needs it)` });
      else if (policy !== 'noeviction') add({ name: 'redis', status: 'fail', detail: `Redis ${version} at ${redactUrl(url)} has maxmemory-policy ${policy}: it may drop queue or ledger keys when full`, fix: 'run "redis-cli config set maxmemory-policy noeviction" (and put it in redis.conf), or use "outreach redis start"' });
      else add({ name: 'redis', status: 'ok', detail: `Redis ${version} at ${redactUrl(url)}, maxmemory-policy noeviction` });
      add(aof
        ? { name: 'redis persistence', status: 'ok', detail: 'AOF on: the ledger survives a restart' }
        : { name: 'redis persistence', status: 'advice', detail: 'AOF is off: a Redis restart loses the record of what was sent', fix: 'run "redis-cli config set appendonly yes", or use "outreach redis start" (AOF on)' });
    } catch (err) {
      add({ name: 'redis', status: 'fail', detail: message(err), fix: `start one for this project with "outreach redis start", or "docker compose up -d redis", or set REDIS_URL; ${INSTALL_HINT}` });
    }
  }

  if (project) {
    const c = project.config;
    try {
      const transport = createTransport(c, project.resolve);
      try {
        if (transport.kind === 'outbox') add({ name: 'transport', status: 'ok', detail: `outbox: messages are written to ${c.transport.outboxDir}/, nothing leaves this machine` });
        else {
          await transport.verify?.();
          add({ name: 'transport', status: 'ok', detail: `${transport.kind}: logged in${transport.leavesMachine ? '' : ' (on this machine)'}; no message sent` });
        }
      } finally {
        await transport.close();
      }
    } catch (err) {
      add({ name: 'transport', status: 'fail', detail: message(err), fix: hintOf(err, 'check the user name, password, host and port in SMTP_URL') });
    }
    if (redis) {
      try {
        const source = mailboxSourceFor(c, redis, new Keys(c.redis.prefix, c.sender.email));
        if (source?.verify) {
          await source.verify();
          add({ name: 'mailbox', status: 'ok', detail: `${source.describe()}: logged in, read-only` });
        } else if (!source) add({ name: 'mailbox', status: 'advice', detail: 'no mailbox configured: replies are not tracked', fix: 'set IMAP_URL (or imap.url) to track replies, bounces and out-of-office answers' });
      } catch (err) {
        add({ name: 'mailbox', status: 'fail', detail: message(err), fix: hintOf(err, 'check IMAP_URL') });
      }
    }
  }
  await redis?.quit().catch(() => redis?.disconnect());

  const base = env.NCBI_EUTILS_URL || DEFAULT_EUTILS;
  try {
    const res = await fetch(new URL('einfo.fcgi?db=pubmed&retmode=json', base.endsWith('/') ? base : `${base}/`), { signal: AbortSignal.timeout(opts.ncbiTimeoutMs ?? 3000) });
    add(res.ok
      ? { name: 'pubmed', status: 'ok', detail: `E-utilities answer at ${new URL(base).host}` }
      : { name: 'pubmed', status: 'advice', detail: `E-utilities answered ${res.status}`, fix: 'discover can read saved files instead: outreach discover --from <file>' });
  } catch (err) {
    add({ name: 'pubmed', status: 'advice', detail: `E-utilities not reachable (${(err as Error).name === 'TimeoutError' ? 'no answer in 3 s' : (err as Error).message})`, fix: 'discover can read saved files instead: outreach discover --from <file>' });
  }
  add(env.NCBI_API_KEY
    ? { name: 'pubmed api key', status: 'ok', detail: 'NCBI_API_KEY is set: 10 requests/s' }
    : { name: 'pubmed api key', status: 'advice', detail: 'NCBI_API_KEY is not set: 3 requests/s', fix: 'a free key from your NCBI account raises it to 10 requests/s' });

  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

export function formatDoctor(r: DoctorReport): string {
  const mark: Record<CheckStatus, string> = { ok: 'ok  ', fail: 'FAIL', advice: 'note' };
  const lines = r.checks.map((c) => `${mark[c.status]} ${c.name}: ${c.detail}${c.fix && c.status !== 'ok' ? `\n     fix: ${c.fix}` : ''}`);
  lines.push(r.ok ? '\neverything a send needs is in order' : '\nfix the FAIL lines above, then run "outreach doctor" again');
  return lines.join('\n');
}
