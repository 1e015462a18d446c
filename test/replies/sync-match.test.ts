// Matching without In-Reply-To (our headers; sender + "Re: subject"), mail that is not ours,
// opt-outs and soft bounces, driven through `outreach replies sync --json`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, createMailbox, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { CAMPAIGN, drainWorker, sentMessageId, setupCampaign, type TestCampaign } from '../helpers/reply-campaign.js';
import { pinConfig, runCli } from '../helpers/cli.js';
import { humanReply, softBounce } from '../helpers/inbound.js';
import { replaceText, setHeaders } from '../helpers/mail-edit.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

let dovecot: Dovecot;
let smtp: SmtpSink;
let t: TestCampaign;

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpSink();
  const url = await createMailbox(dovecot, 'Match');
  const emails = ['headers', 'subject', 'optout', 'soft', 'stranger'].map((n) => ({ email: `${n}@example.edu` }));
  t = await setupCampaign({ smtpUrl: smtp.url, imapUrl: url, contacts: emails });
  await pinConfig(t, url);
  await drainWorker(t);
});

afterAll(async () => {
  await t?.cleanup();
  await smtp?.stop();
  await dovecot?.stop();
});

const sync = async () => JSON.parse(await runCli(t.dir, ['replies', 'sync', '--json'])) as Record<string, number>;

describe('replies sync: matching and effects', () => {
  it('matches by our headers and by sender + subject, and leaves other mail alone', async () => {
    const [byHeaders, bySubject, , , stranger] = t.contacts as [typeof t.contacts[0], typeof t.contacts[0], unknown, unknown, typeof t.contacts[0]];
    const subject = (await t.ledger.get(bySubject.id, 0))!.subject!;
    await appendMessages(dovecot, 'Match', [
      setHeaders(humanReply('talon_gmail.eml', byHeaders.email, null), { 'X-Outreach-Campaign': CAMPAIGN, 'X-Outreach-Contact': byHeaders.id, From: '<someone-else@example.org>' }),
      setHeaders(humanReply('talon_iphone.eml', bySubject.email, null), { Subject: `RE: ${subject}` }),
      // Our contact, but about something else: not an answer to us.
      setHeaders(humanReply('talon_thunderbird.eml', stranger.email, null), { Subject: 'Re: Grand rounds schedule' }),
    ]);
    expect(await sync()).toMatchObject({ fetched: 3, matched: 2, replies: 2, unmatched: 1 });
    const status = await t.redis.hgetall(t.keys.status(CAMPAIGN));
    expect([status[byHeaders.id], status[bySubject.id], status[stranger.id]]).toEqual(['replied', 'replied', 'active']);
    const inbox = (await t.redis.lrange(t.keys.inbox(CAMPAIGN), 0, -1)).map((r) => JSON.parse(r) as { contactId: string; via: string });
    expect(inbox.map((r) => [r.contactId, r.via]).sort()).toEqual([[byHeaders.id, 'headers'], [bySubject.id, 'sender']].sort());
  });

  it('an opt-out suppresses the address for every campaign and cancels its follow-up', async () => {
    const optout = t.contacts[2]!;
    const raw = replaceText(humanReply('talon_gmail.eml', optout.email, await sentMessageId(t, optout.id, 0)), /^Hello/gm, 'Please remove me from your mailing list.');
    await appendMessages(dovecot, 'Match', [setHeaders(raw, { 'Message-ID': '<optout-1@example.edu>' })]);
    expect(await sync()).toMatchObject({ fetched: 1, optOuts: 1, replies: 0 });
    expect(await t.redis.hget(t.keys.status(CAMPAIGN), optout.id)).toBe('opted_out');
    expect(await t.redis.sismember(t.keys.suppressed(), optout.email)).toBe(1);
    expect((await t.ledger.get(optout.id, 1))?.state).toBe('cancelled');
  });

  it('a soft bounce queues one resend, never two', async () => {
    const soft = t.contacts[3]!;
    const id = await sentMessageId(t, soft.id, 0);
    await appendMessages(dovecot, 'Match', [softBounce(soft.email, id)]);
    expect(await sync()).toMatchObject({ fetched: 1, bounces: 1 });
    const retried = (await t.ledger.get(soft.id, 0)) as { state: string; jobId: string; softBounceRetried?: boolean };
    expect(retried).toMatchObject({ state: 'queued', softBounceRetried: true });
    expect(retried.jobId).not.toBe(`${CAMPAIGN}.${soft.id}.0`);
    expect(await t.bull.getJobState(retried.jobId)).toBe('delayed');
    expect(await t.redis.hget(t.keys.status(CAMPAIGN), soft.id)).toBe('active');

    // The resend goes and bounces softly again: recorded, nothing more queued.
    await (await t.bull.getJob(retried.jobId))!.promote();
    await drainWorker(t);
    expect((await t.ledger.get(soft.id, 0))?.state).toBe('sent');
    await appendMessages(dovecot, 'Match', [setHeaders(softBounce(soft.email, id), { Date: new Date().toUTCString() })]);
    expect(await sync()).toMatchObject({ fetched: 1, bounces: 1 });
    const after = (await t.ledger.get(soft.id, 0)) as { state: string; jobId: string; softBounce?: { status?: string } };
    expect(after).toMatchObject({ state: 'sent', jobId: retried.jobId, softBounce: { status: '4.2.2' } });
    expect(smtp.messages.filter((m) => m.contactId === soft.id && m.step === 0)).toHaveLength(2);
  });
});
