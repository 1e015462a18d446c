// "Action: failed" with a 4.x.x status (Postfix gave up after days of retries) is a soft bounce:
// one resend, the contact stays active, and `status --json` shows it in softBounced.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapMailboxSource } from '../../src/replies/imap/imap-mailbox-source.js';
import { syncReplies } from '../../src/replies/sync-replies.js';
import { campaignStatus } from '../../src/status/campaign-status.js';
import { appendMessages, createMailbox, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { CAMPAIGN, drainWorker, sentMessageId, setupCampaign, type TestCampaign } from '../helpers/reply-campaign.js';
import { pinConfig } from '../helpers/cli.js';
import { SENDER } from '../helpers/inbound.js';
import { replaceText } from '../helpers/mail-edit.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

let dovecot: Dovecot;
let smtp: SmtpSink;
let t: TestCampaign;
let url: string;
const CLI = path.resolve(import.meta.dirname, '../../dist/src/cli/main.js');

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpSink();
  url = await createMailbox(dovecot, 'Soft');
  t = await setupCampaign({ smtpUrl: smtp.url, imapUrl: url, contacts: [{ email: 'timeout@example.edu' }, { email: 'fine@example.edu' }] });
  await pinConfig(t, url);
});

afterAll(async () => {
  await t?.cleanup();
  await smtp?.stop();
  await dovecot?.stop();
});

/** sisimai lhost-yandex-03: Postfix "Action: failed, Status: 4.4.1, Connection timed out", made to answer our send. */
function timedOut(recipient: string, ourMessageId: string): Buffer {
  let raw = readFileSync(new URL('../fixtures/replies/bounce/sisimai_lhost-yandex-03.eml', import.meta.url));
  raw = replaceText(raw, 'kijitora@6jo.example.jp', recipient);
  raw = replaceText(raw, 'shironeko@yandex.example.com', SENDER);
  return replaceText(raw, '<623501417887788@web9g.yandex.example.com>', ourMessageId);
}

describe('soft bounces in status', () => {
  it('counts a Postfix 4.4.1 failure as softBounced, not bounced, and retries it once', async () => {
    await drainWorker(t);
    const c = t.contacts[0]!;
    await appendMessages(dovecot, 'Soft', [timedOut(c.email, await sentMessageId(t, c.id, 0))]);
    const counts = await syncReplies({ redis: t.redis, keys: t.keys, config: t.project.config, source: new ImapMailboxSource(url, { redis: t.redis, prefix: t.keys.prefix }) });
    expect(counts).toMatchObject({ matched: 1, bounces: 1 });
    expect(await t.redis.hget(t.keys.status(CAMPAIGN), c.id)).toBe('active');
    expect(await t.ledger.get(c.id, 0)).toMatchObject({ state: 'queued', softBounce: { status: '4.4.1' } });

    const st = await campaignStatus(t.redis, t.keys, t.project.config, CAMPAIGN);
    expect(st).toMatchObject({ bounced: 0, softBounced: 1 });
    // The built CLI, as a script reads it (the config file names Redis and the key prefix).
    const r = spawnSync(process.execPath, [CLI, '--dir', t.dir, 'status', '--campaign', CAMPAIGN, '--json'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', cwd: t.dir });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ campaign: CAMPAIGN, bounced: 0, softBounced: 1 });
  }, 60_000);
});
