// `outreach replies list` and `replies mark`: the user sees what came in and corrects a
// misreading, and the correction redoes the effects. Real parts: Redis, the send worker, an SMTP
// sink and Dovecot; the messages go through `replies sync` like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import type { InboundRow } from '../../src/replies/inbound-list.js';
import type { Correction } from '../../src/replies/reclassify.js';
import { campaignStatus } from '../../src/status/campaign-status.js';
import { appendMessages, createMailbox, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { CAMPAIGN, drainWorker, promoteDelayed, sentMessageId, setupCampaign, type TestCampaign } from '../helpers/reply-campaign.js';
import { pinConfig, runCli } from '../helpers/cli.js';
import { hardBounce, humanReply, outOfOffice } from '../helpers/inbound.js';
import { replaceText } from '../helpers/mail-edit.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { DateTime } from 'luxon';

let dovecot: Dovecot;
let smtp: SmtpSink;
let t: TestCampaign;

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpSink();
  const url = await createMailbox(dovecot, 'Mark');
  t = await setupCampaign({ smtpUrl: smtp.url, imapUrl: url, contacts: Array.from({ length: 5 }, (_, i) => ({ email: `mentor${i}@example.edu` })) });
  await pinConfig(t, url);
});

afterAll(async () => {
  await t?.cleanup();
  await smtp?.stop();
  await dovecot?.stop();
});

const cli = (...args: string[]) => runCli(t.dir, args);

describe('replies list and replies mark', () => {
  it('lists each inbound message with its reason, and each correction redoes the effects', async () => {
    await drainWorker(t);
    const [c0, c1, c2, c3, c4] = t.contacts as [typeof t.contacts[0], typeof t.contacts[0], typeof t.contacts[0], typeof t.contacts[0], typeof t.contacts[0]];
    const id = async (c: typeof c0) => sentMessageId(t, c.id, 0);
    // c0 moves to a new address: "stop emailing my old address" reads as an opt-out.
    const keepMe = replaceText(humanReply('talon_gmail.eml', c0.email, await id(c0)), /^Hello$/m, 'Glad you wrote. Please stop emailing my old hospital address; this one is fine.');
    // c1's "reply" is a form acknowledgement from a helpdesk: no header says so.
    const formLetter = replaceText(humanReply('talon_thunderbird.eml', c1.email, await id(c1)), /^Hello$/m, 'Your request has been logged with ticket 4471.');
    const back = DateTime.now().plus({ days: 20 }).startOf('day');
    await appendMessages(dovecot, 'Mark', [
      keepMe,
      formLetter,
      outOfOffice(c2.email, await id(c2), back), // c2 wrote by hand under a vacation subject
      hardBounce(c3.email, await id(c3), CAMPAIGN, c3.id), // c3: the user knows the address works
    ]);
    expect(JSON.parse(await cli('replies', 'sync', '--json'))).toMatchObject({ matched: 4, replies: 1, optOuts: 1, autoReplies: 1, bounces: 1 });

    const rows = JSON.parse(await cli('replies', 'list', '--json')) as InboundRow[];
    expect(rows).toHaveLength(4);
    const row = (email: string) => rows.find((r) => r.email === email)!;
    expect(row(c0.email)).toMatchObject({ kind: 'reply', hint: 'opt_out', campaign: CAMPAIGN });
    expect(row(c0.email).reason).toMatch(/hint opt_out: "stop emailing"/);
    expect(row(c3.email)).toMatchObject({ kind: 'bounce', bounce: { type: 'hard' } });
    expect(row(c3.email).reason).toMatch(/delivery-status/);
    expect(JSON.parse(await cli('replies', 'list', '--kind', 'auto_reply', '--json'))).toHaveLength(1);
    expect(await cli('replies', 'list', '--campaign', CAMPAIGN)).toMatch(/mentor0@example\.edu\s+reply\/opt_out/);
    expect(await t.redis.sismember(t.keys.suppressed(), c0.email)).toBe(1);
    expect(await t.redis.sismember(t.keys.suppressed(), c3.email)).toBe(1);

    // c0: not an opt-out, a reply. Off the do-not-contact list; still no follow-up (a reply).
    const m0 = JSON.parse(await cli('replies', 'mark', c0.email, '--as', 'reply', '--hint', 'neutral', '--json')) as Correction;
    expect(m0).toMatchObject({ before: { kind: 'reply', hint: 'opt_out' }, after: { kind: 'reply', hint: 'neutral' }, status: { before: 'opted_out', after: 'replied' }, suppression: 'removed', reallowed: 0 });
    expect(await t.redis.sismember(t.keys.suppressed(), c0.email)).toBe(0);

    // c1: a form letter, not a reply. The follow-up it stopped goes back in the queue.
    const m1 = await cli('replies', 'mark', row(c1.email).id, '--as', 'auto_reply');
    expect(m1).toBe(`${CAMPAIGN}/${c1.email}: reply/neutral -> auto_reply; status replied -> active; 1 follow-up(s) queued again\n`);
    expect((await t.ledger.get(c1.id, 1))?.state).toBe('queued');

    // c2: a person, not a vacation notice. Counted as a reply; the held follow-up is cancelled.
    expect(Number(await t.redis.hget(t.keys.holdUntil(CAMPAIGN), c2.id))).toBe(back.toMillis());
    const m2 = JSON.parse(await cli('replies', 'mark', c2.email, '--as', 'reply', '--json')) as Correction;
    expect(m2).toMatchObject({ status: { before: 'active', after: 'replied' }, cancelled: 1 });
    expect(await t.redis.hget(t.keys.holdUntil(CAMPAIGN), c2.id)).toBeNull();

    // c3: not a bounce. Off the list, and the follow-up is allowed again.
    const m3 = JSON.parse(await cli('replies', 'mark', c3.email, '--as', 'other', '--json')) as Correction;
    expect(m3).toMatchObject({ status: { before: 'bounced', after: 'active' }, suppression: 'removed', reallowed: 1 });

    // Marking again changes nothing more.
    const again = JSON.parse(await cli('replies', 'mark', c3.email, '--as', 'other', '--json')) as Correction;
    expect(again).toMatchObject({ status: { before: 'active', after: 'active' }, suppression: 'none', reallowed: 0, cancelled: 0 });

    // Every correction is recorded, and the list shows what the classifier had said.
    expect(await t.redis.llen(t.keys.corrections(CAMPAIGN))).toBe(5);
    const after = JSON.parse(await cli('replies', 'list', '--json')) as InboundRow[];
    expect(after.find((r) => r.email === c1.email)).toMatchObject({ kind: 'auto_reply', corrected: { kind: 'reply', hint: 'neutral' } });

    const st = await campaignStatus(t.redis, t.keys, t.project.config, CAMPAIGN);
    expect(st).toMatchObject({ replied: 2, optedOut: 0, bounced: 0, autoReplies: 1 });

    // Follow-ups come due: c1, c3 (re-allowed) and c4 (never answered) get one; c0 and c2 do not.
    await promoteDelayed(t);
    await drainWorker(t);
    expect(smtp.messages.filter((m) => m.step === 1).map((m) => m.contactId).sort()).toEqual([c1.id, c3.id, c4.id].sort());
  }, 60_000);

  it('refuses an unknown id, a bad kind, and a hint on anything but a reply, with where and a hint', async () => {
    const err = (args: string[]) => cli(...args).catch((e: unknown) => e as UserError);
    const unknown = await err(['replies', 'mark', '<nobody@example.org>', '--as', 'reply']);
    expect(unknown).toBeInstanceOf(UserError);
    expect(unknown.line()).toContain('replies mark <id|email>');
    expect((await err(['replies', 'mark', 'x@y.z', '--as', 'spam'])).line()).toContain('--as');
    expect((await err(['replies', 'mark', 'mentor0@example.edu', '--as', 'bounce', '--hint', 'positive'])).line()).toContain('--hint');
    expect((await err(['replies', 'list', '--kind', 'human'])).line()).toContain('--kind');
  });
});
