/**
 * A real project driven the way the CLI drives it: init's starter files, a config that
 * allows sending at any hour with no gaps, contacts imported from a CSV, the first step
 * enqueued, and the real send worker (SMTP to a loopback sink) run with --drain.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { importRows } from '../../../src/campaign/contacts-store.js';
import { enqueuePlan, makePlan, pendingContacts } from '../../../src/campaign/enqueue.js';
import { CampaignReader } from '../../../src/campaign/campaign-reader.js';
import type { StoredContact } from '../../../src/campaign/stored-contact.js';
import { initProject } from '../../../src/cli/commands/init.js';
import { loadProfile, loadProject, type Project } from '../../../src/config/load.js';
import type { Profile } from '../../../src/config/profile.js';
import { Ledger } from '../../../src/ledger/ledger.js';
import { sendQueueName } from '../../../src/queue/send-job.js';
import { SendQueue } from '../../../src/queue/send-queue.js';
import { MessageRenderer } from '../../../src/render/message-renderer.js';
import { readContactsCsv } from '../../../src/sources/csv-contacts.js';
import { Keys } from '../../../src/store/keys.js';
import { runSendWorker } from '../../../src/worker/run-send-worker.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const CAMPAIGN = 'spring';
const ALL_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface TestCampaign {
  dir: string;
  project: Project;
  profile: Profile;
  redis: Redis;
  keys: Keys;
  contacts: StoredContact[];
  ledger: Ledger;
  /** The send queue, for promoting delayed follow-ups. */
  bull: Queue;
  cleanup(): Promise<void>;
}

/**
 * Follow-ups wait one business day: the tests make them due by promoting the delayed jobs
 * (as the clock would), so nothing depends on how fast this machine is.
 */
export async function setupCampaign(opts: { smtpUrl: string; imapUrl: string; contacts: { email: string; timezone?: string }[] }): Promise<TestCampaign> {
  const dir = await mkdtemp(join(tmpdir(), 'outreach-replies-'));
  initProject(dir);
  const config = {
    sender: { name: 'Sample Applicant', email: 'applicant@example.com' },
    followups: [{ template: 'templates/followup-1.hbs', delayBusinessDays: 1 }],
    pacing: {
      dailyCap: 1000, batchSize: 1000, batchPauseMinutes: 0, gapSeconds: { min: 0, max: 0 },
      days: ALL_DAYS, hours: { start: '00:00', end: '24:00' }, defaultTimezone: 'UTC',
    },
    retry: { attempts: 2, backoffSeconds: 1 },
    worker: { concurrency: 4, heartbeatSeconds: 1, lockSeconds: 2 },
    profile: 'profile.json',
  };
  await writeFile(join(dir, 'outreach.config.json'), JSON.stringify(config, null, 2));
  const rows = opts.contacts.map((c, i) => `Ada${i},Mentor${i},${c.email},Example University,neuroradiology,${c.timezone ?? ''}`);
  const csv = join(dir, 'data', 'mentors.csv');
  await writeFile(csv, ['first_name,last_name,email,institution,topic,timezone', ...rows].join('\n') + '\n');

  const prefix = `test-replies-${randomUUID()}`;
  const project = loadProject(dir, { REDIS_URL, OUTREACH_PREFIX: prefix, SMTP_URL: opts.smtpUrl, IMAP_URL: opts.imapUrl });
  const profile = loadProfile(project);
  const redis = new Redis(REDIS_URL);
  const keys = new Keys(prefix, project.config.sender.email);
  const report = await importRows(redis, keys, CAMPAIGN, csv, readContactsCsv(csv));
  if (report.imported !== opts.contacts.length) throw new Error(`imported ${report.imported}: ${JSON.stringify(report.skipped)}`);

  const now = Date.now();
  const queue = new SendQueue(redis, keys, project.config.sender.email, project.config.retry);
  const plan = await makePlan(redis, keys, project.config, await pendingContacts(redis, keys, CAMPAIGN), now, false);
  await enqueuePlan(redis, keys, queue, MessageRenderer.load(project, profile), CAMPAIGN, plan, now, false);
  await queue.close();

  const bull = new Queue(sendQueueName(project.config.sender.email), { connection: redis, prefix: keys.bull() });
  return {
    dir, project, profile, redis, keys, bull,
    contacts: await new CampaignReader(redis, keys, CAMPAIGN).all(),
    ledger: new Ledger(redis, keys, CAMPAIGN),
    async cleanup() {
      await bull.close();
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (found.length) await redis.del(...found);
      } while (cursor !== '0');
      await redis.quit();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `outreach worker --drain`: sends what is due now, then stops. */
export async function drainWorker(t: TestCampaign): Promise<void> {
  const w = await runSendWorker(t.project, t.profile, { drain: true, log: () => undefined });
  await w.done;
}

/** Makes delayed send jobs due now, as if their time had come; returns their job ids. */
export async function promoteDelayed(t: TestCampaign, only?: (contactId: string) => boolean): Promise<string[]> {
  const promoted: string[] = [];
  for (const job of await t.bull.getDelayed(0, 1000)) {
    if (only && !only((job.data as { contactId: string }).contactId)) continue;
    await job.promote();
    promoted.push(job.id ?? '');
  }
  return promoted;
}

/** Our Message-ID for a contact's step, as the ledger recorded it. */
export async function sentMessageId(t: TestCampaign, contactId: string, step: number): Promise<string> {
  const e = await t.ledger.get(contactId, step);
  if (!e || e.state !== 'sent') throw new Error(`step ${step} to ${contactId} is ${e?.state ?? 'missing'}`);
  return e.messageId;
}
