import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { gmailProject, CAMPAIGN, SENDER, type GmailProject } from '../helpers/gmail-project.js';
import { humanReply, outOfOffice } from '../helpers/inbound.js';
import { setHeaders } from '../helpers/mail-edit.js';
import { exited, waitUntil } from '../helpers/project.js';

/**
 * Replies read from Gmail (`outreach replies sync` with the Gmail transport): a first pass
 * over the campaign's threads, then users.history.list from the stored historyId, and a
 * full pass again when Google answers 404 for an expired one. Real fixture messages
 * (test/fixtures/replies-scenario, see its PROVENANCE.md) answer our sends.
 */
describe('Gmail reply source', () => {
  let g: GmailProject;
  afterEach(async () => {
    expect(g.server.problems).toEqual([]);
    await g.cleanup();
  });

  async function sync(): Promise<Record<string, number | boolean>> {
    const r = await g.run(['replies', 'sync', '--json']);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Record<string, number | boolean>;
  }

  it('finds a reply in the thread, then the next one through history; counts nothing twice; survives an expired historyId', async () => {
    g = await gmailProject({ contacts: 3, rewriteMessageIds: true, historyPageSize: 2 });
    expect(g.cli(['send', '--campaign', CAMPAIGN, '--send', '--no-pacing']).status).toBe(0);
    await g.drain();
    const [e1, e2] = [(await g.entry(1, 0))!, (await g.entry(2, 0))!];
    // Mentor 1 answers in the conversation (quoting the Message-ID Gmail stored).
    const reply = setHeaders(humanReply('talon_gmail.eml', 'mentor1@uni1.edu', e1.messageId), { Subject: `Re: ${e1.subject}`, 'Message-ID': '<reply-1@uni1.edu>' });
    const r1 = await g.server.deliver(reply);
    expect(r1.threadId).toBe(e1.threadId); // Gmail threads it under our first email

    // First pass: no stored historyId, so the campaign's threads are read.
    let c = await sync();
    expect(c).toMatchObject({ replies: 1, autoReplies: 0, fetched: 1, uidValidityReset: false });
    expect(await g.p.redis.hget(g.p.keys.status(CAMPAIGN), e1.contactId)).toBe('replied');
    const cursor = await g.p.redis.get(`${g.p.keys.prefix}:gmail:history:${SENDER}`);
    expect(Number(cursor)).toBeGreaterThan(0);

    // Mentor 2's out-of-office arrives: found through history (three pages of two records).
    await g.server.deliver('From: someone@else.org\r\nTo: ada.applicant@gmail.com\r\nSubject: unrelated\r\nMessage-ID: <u1@else.org>\r\n\r\nnot ours\r\n');
    await g.server.deliver('From: other@else.org\r\nTo: ada.applicant@gmail.com\r\nSubject: unrelated too\r\nMessage-ID: <u2@else.org>\r\n\r\nnot ours\r\n');
    await g.server.deliver(setHeaders(outOfOffice('mentor2@uni2.edu', e2.messageId, DateTime.now().plus({ days: 10 })), { 'Message-ID': '<ooo-2@uni2.edu>' }));
    c = await sync();
    expect(c).toMatchObject({ replies: 0, autoReplies: 1, fetched: 3, unmatched: 2, uidValidityReset: false });
    expect(g.server.log.filter((l) => l.method === 'users.history.list').length).toBe(2);

    // A second pass with nothing new reads nothing and counts nothing.
    c = await sync();
    expect(c).toMatchObject({ fetched: 0, replies: 0, autoReplies: 0 });

    // Google forgets the history: 404, then a full pass again; what was counted is not counted twice.
    g.server.expireHistory();
    c = await sync();
    expect(c.uidValidityReset).toBe(true);
    expect(c).toMatchObject({ replies: 0, autoReplies: 0 });
    expect(c.duplicates).toBeGreaterThanOrEqual(2);
    expect(g.server.log.some((l) => l.method === 'users.history.list' && l.status === 404)).toBe(true);
    const status = JSON.parse(g.cli(['status', '--campaign', CAMPAIGN, '--json']).stdout);
    expect([status.replied, status.autoReplies]).toEqual([1, 1]);
    // Our own sent messages are never taken for inbound mail.
    expect(await g.p.redis.llen(g.p.keys.inbox(CAMPAIGN))).toBe(2);
  }, 180_000); // five CLI processes, each a Node start-up, on a shared two-core machine

  it('`outreach worker` polls the Gmail mailbox on its own and stops the follow-up', async () => {
    g = await gmailProject({ contacts: 1, config: { imap: { pollSeconds: 1 } } });
    expect(g.cli(['send', '--campaign', CAMPAIGN, '--send', '--no-pacing']).status).toBe(0);
    const worker = g.p.spawnWorker([], g.env);
    let out = '';
    worker.stdout.on('data', (d) => (out += String(d)));
    try {
      await waitUntil(async () => (await g.entry(1, 0))?.state === 'sent');
      const e1 = (await g.entry(1, 0))!;
      await g.server.deliver(setHeaders(humanReply('talon_thunderbird.eml', 'mentor1@uni1.edu', e1.messageId), { Subject: `Re: ${e1.subject}` }));
      await waitUntil(async () => (await g.p.redis.hget(g.p.keys.status(CAMPAIGN), e1.contactId)) === 'replied');
      expect((await g.entry(1, 1))?.state).toBe('cancelled');
      expect(out).toMatch(/replies: replied from g\/\S+ step 0 \(via thread\); 1 follow-up\(s\) cancelled/);
    } finally {
      worker.kill('SIGTERM');
      await exited(worker);
    }
    expect(g.server.issuedSecrets.filter((s) => out.includes(s))).toEqual([]);
  }, 120_000);

  it('the follow-up to a contact who replied is cancelled (ARCHITECTURE.md, invariant 2)', async () => {
    g = await gmailProject({ contacts: 2 });
    expect(g.cli(['send', '--campaign', CAMPAIGN, '--send', '--no-pacing']).status).toBe(0);
    await g.drain();
    const e1 = (await g.entry(1, 0))!;
    await g.server.deliver(setHeaders(humanReply('talon_iphone.eml', 'mentor1@uni1.edu', e1.messageId), { Subject: `Re: ${e1.subject}` }));
    expect((await sync()).replies).toBe(1);
    await g.promoteDelayed();
    await g.drain();
    expect((await g.entry(1, 1))?.state).toBe('cancelled');
    expect((await g.entry(2, 1))?.state).toBe('sent');
    expect(g.server.sent().map((m) => m.headers.find(([k]) => k === 'To')?.[1])).toEqual(['Grace1 Mentor1 <mentor1@uni1.edu>', 'Grace2 Mentor2 <mentor2@uni2.edu>', 'Grace2 Mentor2 <mentor2@uni2.edu>'].map((x) => expect.stringContaining(x.split(' <')[1]!.slice(0, -1))));
  });
});
