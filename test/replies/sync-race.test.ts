// ARCHITECTURE.md, invariant 2: a reply that lands while the contact's follow-up is already due (its job is
// waiting in the queue, no worker has taken it yet) stops that follow-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapMailboxSource } from '../../src/replies/imap/imap-mailbox-source.js';
import { syncReplies } from '../../src/replies/sync-replies.js';
import { appendMessages, createMailbox, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { drainWorker, promoteDelayed, sentMessageId, setupCampaign, type TestCampaign } from '../helpers/reply-campaign.js';
import { humanReply } from '../helpers/inbound.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

let dovecot: Dovecot;
let smtp: SmtpSink;
let t: TestCampaign;
let url: string;

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpSink();
  url = await createMailbox(dovecot, 'Race');
  t = await setupCampaign({ smtpUrl: smtp.url, imapUrl: url, contacts: [{ email: 'replier@example.edu' }, { email: 'silent@example.edu' }] });
});

afterAll(async () => {
  await t?.cleanup();
  await smtp?.stop();
  await dovecot?.stop();
});

describe('a reply while the follow-up is due', () => {
  it('sends no follow-up to the contact who replied', async () => {
    await drainWorker(t);
    const [replier, silent] = t.contacts as [typeof t.contacts[0], typeof t.contacts[0]];
    expect(smtp.messages.filter((m) => m.step === 0)).toHaveLength(2);

    // Both follow-ups are due now and waiting for a worker.
    expect(await promoteDelayed(t)).toHaveLength(2);
    const due = (await t.ledger.get(replier.id, 1))!;
    expect(await t.bull.getJobState(due.jobId!)).toBe('waiting');

    await appendMessages(dovecot, 'Race', [humanReply('talon_gmail.eml', replier.email, await sentMessageId(t, replier.id, 0))]);
    const counts = await syncReplies({ redis: t.redis, keys: t.keys, config: t.project.config, source: new ImapMailboxSource(url, { redis: t.redis, prefix: t.keys.prefix }) });
    expect(counts).toMatchObject({ fetched: 1, replies: 1 });

    await drainWorker(t);
    const followups = smtp.messages.filter((m) => m.step === 1);
    expect(followups.map((m) => m.to)).toEqual([silent.email]);
    expect((await t.ledger.get(replier.id, 1))?.state).toBe('cancelled');
    expect((await t.ledger.get(silent.id, 1))?.state).toBe('sent');
  });
});
