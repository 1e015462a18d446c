// The repeatable 'replies-sync' job inside `outreach worker`, and the mailbox lock that keeps
// two processes from syncing one mailbox at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapMailboxSource } from '../../src/replies/imap/imap-mailbox-source.js';
import { mailboxLockKey } from '../../src/replies/mailbox-lock.js';
import { startReplyWorker, type ReplySyncResult } from '../../src/replies/reply-worker.js';
import { appendMessages, createMailbox, startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { CAMPAIGN, drainWorker, sentMessageId, setupCampaign, type TestCampaign } from '../helpers/reply-campaign.js';
import { humanReply } from '../helpers/inbound.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

let dovecot: Dovecot;
let smtp: SmtpSink;
let t: TestCampaign;
let url: string;

beforeAll(async () => {
  dovecot = await startDovecot();
  smtp = await startSmtpSink();
  url = await createMailbox(dovecot, 'Polled');
  t = await setupCampaign({ smtpUrl: smtp.url, imapUrl: url, contacts: [{ email: 'polled@example.edu' }] });
  await drainWorker(t);
});

afterAll(async () => {
  await t?.cleanup();
  await smtp?.stop();
  await dovecot?.stop();
});

describe('reply worker', () => {
  it('syncs on its schedule, and skips while another process holds the mailbox', async () => {
    const contact = t.contacts[0]!;
    await appendMessages(dovecot, 'Polled', [humanReply('talon_gmail.eml', contact.email, await sentMessageId(t, contact.id, 0))]);
    const lockKey = mailboxLockKey(t.keys, new ImapMailboxSource(url, { redis: t.redis, prefix: t.keys.prefix }).id);
    await t.redis.set(lockKey, 'another-process', 'PX', 60_000);

    const rw = await startReplyWorker({ ...t.project.config, imap: { url, pollSeconds: 0.2 } }, { log: () => undefined });
    const results: ReplySyncResult[] = [];
    let waiter: { pred: (r: ReplySyncResult) => boolean; resolve: (r: ReplySyncResult) => void } | undefined;
    rw.worker.on('completed', (_job, r) => {
      results.push(r);
      if (waiter?.pred(r)) waiter.resolve(r);
    });
    const next = (pred: (r: ReplySyncResult) => boolean) => new Promise<ReplySyncResult>((resolve) => (waiter = { pred, resolve }));
    try {
      expect(await next((r) => 'skipped' in r)).toEqual({ skipped: 'locked' });
      expect(await t.redis.hget(t.keys.status(CAMPAIGN), contact.id)).toBe('active');

      await t.redis.del(lockKey);
      const done = await next((r) => !('skipped' in r) && r.fetched > 0);
      expect(done).toMatchObject({ fetched: 1, replies: 1 });
      expect(await t.redis.hget(t.keys.status(CAMPAIGN), contact.id)).toBe('replied');
    } finally {
      await rw.queue.removeJobScheduler('replies-sync');
      await rw.close();
    }
    // Every pass released the lock it took (checked once the poller has stopped: while it
    // runs, the next pass may already hold it).
    expect(await t.redis.get(lockKey)).toBeNull();
    // Later passes found nothing new: the reply was counted once.
    expect(results.filter((r) => !('skipped' in r) && r.replies > 0)).toHaveLength(1);
  });
});
