// A mailbox rebuilt on the server (new UIDVALIDITY, RFC 3501 2.3.1.1) is scanned again from
// UID 1; every message is handed over again and none may be counted twice.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapMailboxSource } from '../../src/replies/imap/imap-mailbox-source.js';
import { syncReplies } from '../../src/replies/sync-replies.js';
import { campaignStatus } from '../../src/status/campaign-status.js';
import { appendMessages, changeUidValidity, createMailbox, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { CAMPAIGN, drainWorker, sentMessageId, setupCampaign, type TestCampaign } from '../helpers/reply-campaign.js';
import { hardBounce, humanReply, outOfOffice } from '../helpers/inbound.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

let dovecot: Dovecot;
let smtp: SmtpSink;
let t: TestCampaign;
let url: string;

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpSink();
  url = await createMailbox(dovecot, 'Rebuilt');
  t = await setupCampaign({
    smtpUrl: smtp.url, imapUrl: url,
    contacts: [{ email: 'a@example.edu' }, { email: 'b@example.edu' }, { email: 'c@example.edu' }],
  });
});

afterAll(async () => {
  await t?.cleanup();
  await smtp?.stop();
  await dovecot?.stop();
});

describe('re-sync after a UIDVALIDITY change', () => {
  it('counts nothing twice', async () => {
    await drainWorker(t);
    const [a, b, c] = t.contacts as [typeof t.contacts[0], typeof t.contacts[0], typeof t.contacts[0]];
    await appendMessages(dovecot, 'Rebuilt', [
      humanReply('talon_gmail.eml', a.email, await sentMessageId(t, a.id, 0)),
      outOfOffice(b.email, await sentMessageId(t, b.id, 0), DateTime.utc().plus({ days: 2 })),
      hardBounce(c.email, await sentMessageId(t, c.id, 0), CAMPAIGN, c.id),
    ]);
    const sync = () => syncReplies({ redis: t.redis, keys: t.keys, config: t.project.config, source: new ImapMailboxSource(url, { redis: t.redis, prefix: t.keys.prefix }) });
    expect(await sync()).toMatchObject({ fetched: 3, replies: 1, autoReplies: 1, bounces: 1, duplicates: 0, uidValidityReset: false });
    const before = await campaignStatus(t.redis, t.keys, t.project.config, CAMPAIGN);
    expect(before).toMatchObject({ replied: 1, autoReplies: 1, bounced: 1 });

    await changeUidValidity(dovecot, 'Rebuilt');
    const again = await sync();
    expect(again).toMatchObject({ fetched: 3, matched: 3, replies: 0, autoReplies: 0, bounces: 0, duplicates: 3, uidValidityReset: true });
    const after = await campaignStatus(t.redis, t.keys, t.project.config, CAMPAIGN);
    expect(after).toMatchObject({ replied: 1, autoReplies: 1, bounced: 1 });
    expect(await t.redis.llen(t.keys.inbox(CAMPAIGN))).toBe(3);
  });
});
