import { afterEach, describe, expect, it } from 'vitest';
import { gmailProject, CAMPAIGN, type GmailProject } from '../helpers/gmail-project.js';

/**
 * A connection lost after the send request was written: "uncertain", never retried on its
 * own (ARCHITECTURE.md, invariant 1). `outreach resolve --check` looks each one up in Gmail's
 * Sent by rfc822msgid: found → marked sent (and its follow-up scheduled in the thread),
 * absent → sent again, exactly once.
 */
describe('uncertain Gmail sends and resolve --check', () => {
  let g: GmailProject;
  afterEach(async () => {
    expect(g.server.problems).toEqual([]);
    await g.cleanup();
  });

  it('one found in Sent is marked sent, one not found is sent again; each contact gets one message', async () => {
    g = await gmailProject({ contacts: 2, config: { worker: { concurrency: 1, heartbeatSeconds: 0.5, lockSeconds: 2 } } });
    expect(g.cli(['send', '--campaign', CAMPAIGN, '--send', '--no-pacing']).status).toBe(0);
    // Contact 1's send reaches Gmail (stored) but the answer is lost; contact 2's is lost before Gmail stored it.
    g.server.dropSends('after-store', 'before-store');
    await g.drain();
    // Concurrency 1, import order: contact 1 goes first. Neither is retried on its own.
    expect([(await g.entry(1, 0))?.state, (await g.entry(2, 0))?.state]).toEqual(['uncertain', 'uncertain']);
    expect(g.server.sent()).toHaveLength(1);
    expect(g.server.log.filter((l) => l.method === 'users.messages.send')).toHaveLength(0); // no answer was ever written
    expect((await g.entry(1, 0))?.error).toMatch(/^EUNCERTAIN: connection lost after the message was handed to Gmail/);

    const r = await g.run(['resolve', '--campaign', CAMPAIGN, '--check']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/mentor1@uni1\.edu step 0: found in Sent \(Gmail message \w+\): marked sent/);
    expect(r.stdout).toContain('mentor2@uni2.edu step 0: not in Sent: queued again');
    expect(r.stdout).toContain('checked 2 uncertain send(s): 1 found in Sent, 1 queued again');
    const e1 = (await g.entry(1, 0))!;
    expect(e1.state).toBe('sent');
    expect(e1.threadId).toBe(g.server.messages.get(e1.providerId!)!.threadId);
    expect((await g.entry(2, 0))?.state).toBe('queued');

    await g.drain();
    expect((await g.entry(2, 0))?.state).toBe('sent');
    expect(g.server.sent()).toHaveLength(2);
    const to = g.server.sent().map((m) => m.headers.find(([k]) => k === 'To')![1]);
    expect(to.filter((t) => t.includes('mentor1@'))).toHaveLength(1);
    expect(to.filter((t) => t.includes('mentor2@'))).toHaveLength(1);

    // Contact 1's follow-up was scheduled by --check and goes into the same thread.
    await g.promoteDelayed();
    await g.drain();
    const f1 = (await g.entry(1, 1))!;
    expect(f1.state).toBe('sent');
    expect(g.server.threadOf(e1.providerId!)).toContain(f1.providerId);
  });

  it('--check needs the Gmail transport', async () => {
    g = await gmailProject({ contacts: 1 });
    const r = g.cli(['resolve', '--campaign', CAMPAIGN, '--check'], { OUTREACH_TRANSPORT: 'outbox' });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe("error: --check: --check looks sends up in Gmail's Sent, but the transport is outbox");
  });
});
