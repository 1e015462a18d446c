/**
 * A real project driven the way the CLI drives it: init's starter files, a config that
 * allows sending at any hour with no gaps, contacts imported from a CSV, the first step
 * enqueued, and the real send worker (SMTP to a loopback sink) run with --drain.
 */
import { Queue } from 'bullmq';
import { importRows } from '../../src/campaign/contacts-store.js';
import { queueCampaign } from '../../src/queue/queue-campaign.js';
import { CampaignReader } from '../../src/campaign/campaign-reader.js';
import type { StoredContact } from '../../src/campaign/stored-contact.js';
import type { Project } from '../../src/config/load.js';
import type { Profile } from '../../src/config/profile.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { sendQueueName } from '../../src/queue/send-job.js';
import { SendQueue } from '../../src/queue/send-queue.js';
import { MessageRenderer } from '../../src/render/message-renderer.js';
import { readContactsCsv } from '../../src/sources/csv-contacts.js';
import { Keys } from '../../src/store/keys.js';
import { runSendWorker } from '../../src/send/run-send-worker.js';
import { makeProject, OPEN_PACING } from './project.js';
import type { Redis } from 'ioredis';

export const CAMPAIGN = 'spring';

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

/** The reply tests' config: sending at any hour, one follow-up a business day later, quick retries. */
export const REPLY_TEST_CONFIG = {
  sender: { name: 'Sample Applicant', email: 'applicant@example.com' },
  followups: [{ template: 'templates/followup-1.hbs', delayBusinessDays: 1 }],
  pacing: { ...OPEN_PACING, defaultTimezone: 'UTC' },
  retry: { attempts: 2, backoffSeconds: 1 },
  worker: { concurrency: 4, heartbeatSeconds: 1, lockSeconds: 2 },
};

/**
 * Follow-ups wait one business day: the tests make them due by promoting the delayed jobs
 * (as the clock would), so nothing depends on how fast this machine is.
 */
export async function setupCampaign(opts: { smtpUrl: string; imapUrl: string; contacts: { email: string; timezone?: string }[] }): Promise<TestCampaign> {
  const p = await makeProject({
    smtpUrl: opts.smtpUrl,
    imapUrl: opts.imapUrl,
    config: REPLY_TEST_CONFIG,
  });
  const rows = opts.contacts.map((c, i) => `Ada${i},Mentor${i},${c.email},Example University,neuroradiology,${c.timezone ?? ''}`);
  const csv = p.writeCsv('data/mentors.csv', ['first_name,last_name,email,institution,topic,timezone', ...rows].join('\n') + '\n');
  const { redis, keys, project, profile } = p;
  const report = await importRows(redis, keys, CAMPAIGN, csv, readContactsCsv(csv));
  if (report.imported !== opts.contacts.length) throw new Error(`imported ${report.imported}: ${JSON.stringify(report.skipped)}`);

  const queue = new SendQueue(redis, keys, project.config.sender.email, project.config.retry);
  await queueCampaign({ redis, keys, config: project.config, renderer: MessageRenderer.load(project, profile), queue }, CAMPAIGN);
  await queue.close();

  const bull = new Queue(sendQueueName(project.config.sender.email), { connection: redis, prefix: keys.bull() });
  return {
    dir: p.dir, project, profile, redis, keys, bull,
    contacts: await new CampaignReader(redis, keys, CAMPAIGN).all(),
    ledger: new Ledger(redis, keys, CAMPAIGN),
    async cleanup() {
      await bull.close();
      await p.cleanup();
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
