/**
 * A starter project that sends through the Gmail transport to the loopback GmailServer:
 * GMAIL_API_URL and GOOGLE_OAUTH_TOKEN_URL point at it, XDG_CONFIG_HOME at a folder of the
 * project, and a token file (as `outreach auth gmail` writes it) holds a refresh token the
 * server issued. The send worker runs in-process with --drain.
 */
import { Queue } from 'bullmq';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadProject, type Project } from '../../src/config/load.js';
import { writeTokenFile } from '../../src/gmail/token-file.js';
import { Ledger } from '../../src/ledger/ledger.js';
import type { LedgerEntry } from '../../src/ledger/ledger-entry.js';
import { sendQueueName } from '../../src/queue/send-job.js';
import { runSendWorker } from '../../src/send/run-send-worker.js';
import { cliAsync } from './cli-process.js';
import { GmailServer } from './gmail-server.js';
import { makeProject, OPEN_PACING, type TestProject } from './project.js';

export const SENDER = 'ada.applicant@gmail.com';
export const CAMPAIGN = 'g';

export interface GmailProject {
  p: TestProject;
  server: GmailServer;
  env: Record<string, string>;
  project: Project;
  tokenFile: string;
  ledger: Ledger;
  bull: Queue;
  /** Worker log lines of every drain. */
  logs: string[];
  /** The built CLI as a process, with the Gmail environment (for commands that do not call Gmail). */
  cli(args: string[], extra?: Record<string, string>): { status: number | null; stdout: string; stderr: string };
  /** The same, without blocking this process: the loopback server lives here and must answer. */
  run(args: string[], extra?: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }>;
  drain(): Promise<void>;
  promoteDelayed(): Promise<number>;
  entry(i: number, step: number): Promise<LedgerEntry | null>;
  cleanup(): Promise<void>;
}

/** `outreach --dir <dir> ...args` as a child process, awaited without blocking the event loop. */
export function runCliProcess(dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return cliAsync({ dir, env }, args);
}

export async function gmailProject(opts: { contacts?: number; rewriteMessageIds?: boolean; historyPageSize?: number; config?: Record<string, unknown> } = {}): Promise<GmailProject> {
  const server = new GmailServer({ account: SENDER, rewriteMessageIds: opts.rewriteMessageIds, historyPageSize: opts.historyPageSize });
  await server.start();
  const p = await makeProject({
    config: {
      sender: { name: 'Ada Applicant', email: SENDER },
      transport: { kind: 'gmail' },
      followups: [{ template: 'templates/followup-1.hbs', delayBusinessDays: 1 }],
      pacing: { ...OPEN_PACING, defaultTimezone: 'UTC' },
      retry: { attempts: 3, backoffSeconds: 0.2 },
      ...opts.config,
    },
  });
  const xdg = path.join(p.dir, 'xdg');
  mkdirSync(xdg);
  const env = { GMAIL_API_URL: server.url, GOOGLE_OAUTH_TOKEN_URL: server.tokenUrl, XDG_CONFIG_HOME: xdg };
  const project = loadProject(p.dir, { ...p.env, ...env });
  const tokenFile = project.config.gmail.tokenFile!;
  await writeTokenFile(tokenFile, server.signedIn());
  const n = opts.contacts ?? 2;
  const rows = ['first_name,last_name,email,institution,topic,timezone'];
  for (let i = 1; i <= n; i++) rows.push(`Grace${i},Mentor${i},mentor${i}@uni${i}.edu,University ${i},neuroradiology,UTC`);
  p.writeCsv('data/c.csv', `${rows.join('\n')}\n`);
  const cli = (args: string[], extra: Record<string, string> = {}) => p.cli(args, { ...env, ...extra });
  const imported = cli(['import', 'data/c.csv', '--campaign', CAMPAIGN]);
  if (imported.status !== 0) throw new Error(imported.stderr);
  const ledger = new Ledger(p.redis, p.keys, CAMPAIGN);
  const bull = new Queue(sendQueueName(SENDER), { connection: p.redis, prefix: p.keys.bull() });
  const logs: string[] = [];
  return {
    p, server, env, project, tokenFile, ledger, bull, logs, cli,
    run: (args, extra = {}) => runCliProcess(p.dir, args, { ...p.env, ...env, ...extra }),
    async drain() {
      const w = await runSendWorker(project, p.profile, { drain: true, log: (l) => logs.push(l) });
      await w.done;
    },
    async promoteDelayed() {
      const jobs = await bull.getDelayed(0, 1000);
      for (const j of jobs) await j.promote();
      return jobs.length;
    },
    async entry(i, step) {
      const id = await p.redis.hget(p.keys.emails(CAMPAIGN), `mentor${i}@uni${i}.edu`);
      return id ? ledger.get(id, step) : null;
    },
    async cleanup() {
      await bull.close();
      await server.stop();
      await p.cleanup();
    },
  };
}
