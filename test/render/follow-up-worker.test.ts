// The send worker's follow-up is a reply that quotes the first email as it was sent, dated
// from the ledger: real Redis, the real worker, a real SMTP server on loopback.
import { simpleParser } from 'mailparser';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { CAMPAIGN, drainWorker, promoteDelayed, setupCampaign, type TestCampaign } from '../helpers/reply-campaign.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { ledgerField } from '../../src/ledger/ledger-entry.js';

let t: TestCampaign | undefined;
const sink = new SmtpSink();
afterAll(async () => {
  await t?.cleanup();
  await sink.stop();
});

describe('a sent follow-up', () => {
  it('says "below", and below it is the first email, "On <date>, <name> wrote:" and "> " lines', async () => {
    const url = await sink.start();
    t = await setupCampaign({ smtpUrl: url, imapUrl: 'imap://127.0.0.1:1/INBOX', contacts: [{ email: 'mentor@example.edu', timezone: 'America/Chicago' }] });
    await drainWorker(t);
    // The follow-up goes days later: move the first email's recorded send time back, as the
    // clock would, so the quote's date can only come from the ledger.
    const contact = t.contacts[0]!;
    const field = ledgerField(contact.id, 0);
    const entry = JSON.parse((await t.redis.hget(t.keys.ledger(CAMPAIGN), field))!) as { sentAt: number };
    const sentAt = entry.sentAt - 3 * 86_400_000 - 17 * 60_000;
    await t.redis.hset(t.keys.ledger(CAMPAIGN), field, JSON.stringify({ ...entry, sentAt }));
    await promoteDelayed(t);
    await drainWorker(t);
    expect(sink.deliveries).toHaveLength(2);
    const [first, second] = await Promise.all(sink.deliveries.map((d) => simpleParser(d.raw)));
    const when = DateTime.fromMillis(sentAt, { zone: 'America/Chicago' }).setLocale('en-US').toFormat("ccc, LLL d, yyyy 'at' h:mm a");
    const firstText = first!.text!.replace(/\r\n/g, '\n').trimEnd();
    const [own, quoted] = second!.text!.replace(/\r\n/g, '\n').split(`\n\nOn ${when}, Sample Applicant <applicant@example.com> wrote:\n\n`);
    expect(own).toMatch(/my note below/);
    expect(quoted!.trimEnd()).toBe(firstText.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n'));
    expect(second!.subject).toBe(`Re: ${first!.subject}`);
    expect(second!.inReplyTo).toBe(first!.messageId);
  }, 180_000);
});
