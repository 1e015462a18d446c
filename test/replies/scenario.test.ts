// The whole reply-tracking path against real parts: Redis, the send worker, an SMTP sink and
// Dovecot. 10 contacts; 3 reply, 1 is out of office, 1 bounces; follow-ups reach the other 5,
// the out-of-office one only once its hold has passed.
//
// Time: follow-ups are delayed one business day and made due by promoting their delayed
// jobs. The classifier yields a return *date*, so the out-of-office fixture says "back
// tomorrow"; the test checks the follow-up is held (not sent, holdUntil = start of that day
// in the contact's zone), then moves holdUntil to the past, as the clock would, and checks
// it goes.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapMailboxSource } from '../../src/replies/imap/imap-mailbox-source.js';
import { syncReplies } from '../../src/replies/sync-replies.js';
import { campaignStatus } from '../../src/status/campaign-status.js';
import { appendMessages, createMailbox, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { CAMPAIGN, drainWorker, promoteDelayed, sentMessageId, setupCampaign, type TestCampaign } from '../helpers/reply-campaign.js';
import { fixture, hardBounce, humanReply, outOfOffice } from '../helpers/inbound.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

let dovecot: Dovecot;
let smtp: SmtpSink;
let t: TestCampaign;
let mailboxUrl: string;
const OOO_TZ = 'Asia/Tokyo';

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpSink();
  mailboxUrl = await createMailbox(dovecot, 'Scenario');
  const contacts = Array.from({ length: 10 }, (_, i) => ({ email: `mentor${i}@example.edu`, timezone: i === 3 ? OOO_TZ : 'America/New_York' }));
  t = await setupCampaign({ smtpUrl: smtp.url, imapUrl: mailboxUrl, contacts });
});

afterAll(async () => {
  await t?.cleanup();
  await smtp?.stop();
  await dovecot?.stop();
});

describe('reply tracking scenario', () => {
  it('stops follow-ups for replies and bounces, holds the out-of-office one, counts it all', async () => {
    await drainWorker(t);
    expect(smtp.messages.filter((m) => m.step === 0).map((m) => m.to).sort()).toEqual(t.contacts.map((c) => c.email).sort());

    const [c0, c1, c2, c3, c4] = t.contacts as [typeof t.contacts[0], typeof t.contacts[0], typeof t.contacts[0], typeof t.contacts[0], typeof t.contacts[0]];
    const back = DateTime.now().setZone(OOO_TZ).plus({ days: 1 }).startOf('day');
    const inbound = [
      humanReply('talon_gmail.eml', c0.email, await sentMessageId(t, c0.id, 0)),
      humanReply('talon_thunderbird.eml', c1.email, await sentMessageId(t, c1.id, 0)),
      humanReply('talon_iphone.eml', c2.email, await sentMessageId(t, c2.id, 0)),
      outOfOffice(c3.email, await sentMessageId(t, c3.id, 0), back),
      hardBounce(c4.email, await sentMessageId(t, c4.id, 0), CAMPAIGN, c4.id),
      fixture('talon_thunderbird.eml').subarray(0), // someone else's mail: left alone
    ];
    // The unrelated message keeps its own Message-ID; give the threaded copy of it another one.
    inbound[1] = Buffer.from(inbound[1]!.toString('latin1').replace('<4F79B73C.9030506@xxx.mailgun.org>', '<reply-c1@example.edu>'), 'latin1');
    await appendMessages(dovecot, 'Scenario', inbound);

    const counts = await syncReplies({ redis: t.redis, keys: t.keys, config: t.project.config, source: new ImapMailboxSource(mailboxUrl, { redis: t.redis, prefix: t.keys.prefix }) });
    expect(counts).toMatchObject({ fetched: 6, matched: 5, replies: 3, autoReplies: 1, bounces: 1, optOuts: 0, unmatched: 1, duplicates: 0 });

    const statuses = await t.redis.hgetall(t.keys.status(CAMPAIGN));
    expect([statuses[c0.id], statuses[c1.id], statuses[c2.id], statuses[c3.id], statuses[c4.id]]).toEqual(['replied', 'replied', 'replied', 'active', 'bounced']);
    expect(await t.redis.sismember(t.keys.suppressed(), c4.email)).toBe(1);
    for (const c of [c0, c1, c2, c4]) expect((await t.ledger.get(c.id, 1))?.state).toBe('cancelled');
    const hold = Number(await t.redis.hget(t.keys.holdUntil(CAMPAIGN), c3.id));
    expect(hold).toBe(back.toMillis());
    const inbox = (await t.redis.lrange(t.keys.inbox(CAMPAIGN), 0, -1)).map((r) => JSON.parse(r) as { kind: string; contactId: string; text?: string; returnDate?: string });
    expect(inbox.filter((r) => r.kind === 'reply').map((r) => r.text)).toContain('Hello');
    expect(inbox.find((r) => r.kind === 'auto_reply')?.returnDate).toBe(back.toISODate());

    // Follow-ups become due: only the 5 who did not answer get one; the held one waits.
    await promoteDelayed(t);
    await drainWorker(t);
    const followed = smtp.messages.filter((m) => m.step === 1);
    expect(followed.map((m) => m.contactId).sort()).toEqual(t.contacts.slice(5).map((c) => c.id).sort());
    for (const m of followed) expect(m.inReplyTo).toBe(await sentMessageId(t, m.contactId, 0));
    expect((await t.ledger.get(c3.id, 1))?.state).toBe('queued');

    // The return day arrives.
    await t.redis.hset(t.keys.holdUntil(CAMPAIGN), c3.id, String(Date.now() - 1));
    expect(await promoteDelayed(t, (id) => id === c3.id)).toHaveLength(1);
    await drainWorker(t);
    const all = smtp.messages.filter((m) => m.step === 1).map((m) => m.contactId).sort();
    expect(all).toEqual([c3.id, ...t.contacts.slice(5).map((c) => c.id)].sort());

    const st = await campaignStatus(t.redis, t.keys, t.project.config, CAMPAIGN);
    expect(st).toMatchObject({ contacts: 10, replied: 3, bounced: 1, autoReplies: 1, optedOut: 0, sent: 16, cancelled: 4 });
  });
});
