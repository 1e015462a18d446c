/**
 * A campaign driven through the real send and reply paths, in three stages, for the
 * dashboard, counter and report tests: Redis, the send worker over SMTP to a loopback sink,
 * Dovecot for the replies, and `syncReplies` reading it.
 *
 *   imported()  24 contacts, 2 topics, 3 institutions, variants A and B; nothing sent
 *   sendFirst() first emails; mentor23 is refused with 550 (failed)
 *   answer()    mentor0 replies positively, mentor1 neutrally, mentor2 opts out, mentor3 is
 *               out of office until tomorrow, mentor4 bounces hard, mentor5 soft (its first
 *               email goes once more); follow-ups go; the one to mentor6 is claimed by a
 *               worker that dies (uncertain); mentor7 replies to its follow-up.
 *
 * The positive and opt-out replies are the talon fixtures with their one-word body ("Hello")
 * replaced by a sentence; everything else about them is as published.
 */
import { Queue } from 'bullmq';
import { DateTime } from 'luxon';
import { importRows } from '../../src/campaign/contacts-store.js';
import { CampaignReader } from '../../src/campaign/campaign-reader.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { queueCampaign } from '../../src/queue/queue-campaign.js';
import { sendQueueName } from '../../src/queue/send-job.js';
import { SendQueue } from '../../src/queue/send-queue.js';
import { MessageRenderer } from '../../src/render/message-renderer.js';
import { ImapMailboxSource } from '../../src/replies/imap/imap-mailbox-source.js';
import { syncReplies } from '../../src/replies/sync-replies.js';
import { readContactsCsv } from '../../src/sources/csv-contacts.js';
import { appendMessages, createMailbox, startDovecot, type Dovecot } from './dovecot.js';
import { fixture, hardBounce, humanReply, outOfOffice, softBounce } from './inbound.js';
import { replaceText, setHeaders } from './mail-edit.js';
import { makeProject } from './project.js';
import { drainWorker, REPLY_TEST_CONFIG, sentMessageId, type TestCampaign } from './reply-campaign.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

export const CAMPAIGN = 'autumn';
export const N = 24;
export const TOPICS = ['neuroradiology', 'breast imaging'];
export const INSTITUTIONS = ['Example University', 'Example Medical College', 'Example Children\'s Hospital'];
export const B_SUBJECT = 'Could I help with your {{topic}} research?';

export interface DashboardScenario {
  t: TestCampaign;
  smtp: SmtpSink;
  dovecot: Dovecot;
  mailboxUrl: string;
  sendFirst(): Promise<void>;
  answer(): Promise<void>;
  stop(): Promise<void>;
}

const email = (i: number) => `mentor${i}@example.edu`;

export async function dashboardScenario(): Promise<DashboardScenario> {
  const dovecot = await startDovecot();
  const smtp = await startSmtpSink({ rcpt: { [email(23)]: 550 } });
  const mailboxUrl = await createMailbox(dovecot, 'Dashboard');
  const p = await makeProject({
    smtpUrl: smtp.url,
    imapUrl: mailboxUrl,
    config: {
      ...REPLY_TEST_CONFIG,
      variants: [{ name: 'A' }, { name: 'B', subject: B_SUBJECT, parts: { ask: 'Could we have a 15-minute call next week about a project where I could help?' } }],
    },
  });
  const rows = Array.from({ length: N }, (_, i) =>
    `Ada${i},Mentor${i},${email(i)},${INSTITUTIONS[i % 3]},${TOPICS[i % 2]},${i === 3 ? 'Asia/Tokyo' : 'America/New_York'}`);
  const csv = p.writeCsv('data/mentors.csv', ['first_name,last_name,email,institution,topic,timezone', ...rows].join('\n') + '\n');
  const { redis, keys, project, profile } = p;
  const report = await importRows(redis, keys, CAMPAIGN, csv, readContactsCsv(csv));
  if (report.imported !== N) throw new Error(`imported ${report.imported}`);
  const bull = new Queue(sendQueueName(project.config.sender.email), { connection: redis, prefix: keys.bull() });
  const t: TestCampaign = {
    dir: p.dir, project, profile, redis, keys, bull,
    contacts: await new CampaignReader(redis, keys, CAMPAIGN).all(),
    ledger: new Ledger(redis, keys, CAMPAIGN),
    async cleanup() { await bull.close(); await p.cleanup(); },
  };
  const c = (i: number) => t.contacts[i]!;
  const sync = () => syncReplies({ redis, keys, config: project.config, source: new ImapMailboxSource(mailboxUrl, { redis, prefix: keys.prefix }) });
  const promote = async (want: (d: { contactId: string; step: number }) => boolean) => {
    for (const job of await bull.getDelayed(0, 1000)) if (want(job.data as { contactId: string; step: number })) await job.promote();
  };

  return {
    t, smtp, dovecot, mailboxUrl,
    async sendFirst() {
      const queue = new SendQueue(redis, keys, project.config.sender.email, project.config.retry);
      await queueCampaign({ redis, keys, config: project.config, renderer: MessageRenderer.load(project, profile), queue }, CAMPAIGN);
      await queue.close();
      await drainWorker(t);
    },
    async answer() {
      const say = (raw: Buffer, text: string) => replaceText(raw, /^Hello(?=\r?$)/m, text);
      const id = (raw: Buffer, n: number) => setHeaders(raw, { 'Message-ID': `<dash-${n}@example.edu>` });
      const tomorrow = DateTime.now().setZone('Asia/Tokyo').plus({ days: 1 }).startOf('day');
      await appendMessages(dovecot, 'Dashboard', [
        say(humanReply('talon_iphone.eml', c(0).email, await sentMessageId(t, c(0).id, 0)), 'Happy to chat. Please send me your CV.'),
        humanReply('talon_gmail.eml', c(1).email, await sentMessageId(t, c(1).id, 0)),
        say(humanReply('talon_iphone.eml', c(2).email, await sentMessageId(t, c(2).id, 0)), 'Please remove me from your list.'),
        outOfOffice(c(3).email, await sentMessageId(t, c(3).id, 0), tomorrow),
        hardBounce(c(4).email, await sentMessageId(t, c(4).id, 0), CAMPAIGN, c(4).id),
        softBounce(c(5).email, await sentMessageId(t, c(5).id, 0)),
      ].map(id));
      await sync();
      // The soft bounce's one resend of the first email, then everyone's follow-up.
      await promote((d) => d.contactId === c(5).id && d.step === 0);
      await drainWorker(t);
      // A worker takes mentor6's follow-up and dies before it finishes.
      const claim = await t.ledger.claim(c(6).id, c(6).email, 1, 'worker-that-died', Date.now());
      if (claim.outcome !== 'ok') throw new Error(`claim: ${claim.outcome}`);
      await promote(() => true);
      await drainWorker(t);
      await appendMessages(dovecot, 'Dashboard', [humanReply('talon_gmail.eml', c(7).email, await sentMessageId(t, c(7).id, 1))]
        .map((raw) => id(raw, 7)));
      await sync();
    },
    async stop() {
      await t.cleanup();
      await smtp.stop();
      await dovecot.stop();
    },
  };
}
