import { afterEach, describe, expect, it } from 'vitest';
import { gmailProject, CAMPAIGN, type GmailProject } from '../helpers/gmail-project.js';
import { waitUntil } from '../helpers/project.js';

/**
 * The Gmail transport against the strict loopback Gmail API: the real @googleapis/gmail
 * client and google-auth-library, GMAIL_API_URL and GOOGLE_OAUTH_TOKEN_URL on loopback.
 */
describe('Gmail transport', () => {
  let g: GmailProject;
  afterEach(async () => {
    expect(g.server.problems).toEqual([]);
    // No token or client secret in the worker's log lines or in anything the ledger recorded.
    const recorded = [...g.logs, ...Object.values(await g.p.redis.hgetall(g.p.keys.ledger(CAMPAIGN)))].join('\n');
    expect(g.server.issuedSecrets.filter((secret) => recorded.includes(secret))).toEqual([]);
    await g.cleanup();
  });

  it('sends each first email once, and the follow-up lands in the same Gmail thread', async () => {
    // Gmail gives API-sent mail a Message-ID of its own here: the follow-up must quote that one to join the thread.
    g = await gmailProject({ rewriteMessageIds: true });
    const sent = g.cli(['send', '--campaign', CAMPAIGN, '--send', '--no-pacing']);
    expect(sent.status, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('Gmail on loopback');
    await g.drain();
    expect(g.server.sent()).toHaveLength(2);
    const first = await g.entry(1, 0);
    expect(first?.state).toBe('sent');
    const gmailMsg = g.server.messages.get(first!.providerId!)!;
    expect(first?.threadId).toBe(gmailMsg.threadId);
    // The Message-ID Gmail stored is the one kept (ours is remembered beside it).
    expect(first?.messageId).toBe(gmailMsg.messageId);
    expect(first?.messageId).toMatch(/@mail\.gmail\.com>$/);
    expect(first?.ourMessageId).toMatch(/\.outreach@gmail\.com>$/);
    expect(await g.p.redis.hget(g.p.keys.messageIds(CAMPAIGN), gmailMsg.messageId)).toBe(`${first!.contactId}:0`);

    expect(await g.promoteDelayed()).toBe(2);
    await g.drain();
    const follow = await g.entry(1, 1);
    expect(follow?.state).toBe('sent');
    expect(follow?.threadId).toBe(first?.threadId);
    // The server threads only when Gmail would: threadId + References to a message of the thread + same subject.
    expect(g.server.threadOf(first!.providerId!)).toEqual([first!.providerId, follow!.providerId]);
    const raw = g.server.messages.get(follow!.providerId!)!.raw.toString();
    expect(raw).toMatch(new RegExp(`In-Reply-To: ${gmailMsg.messageId.replace(/[+.]/g, '\\$&')}`));
    expect(g.server.sent()).toHaveLength(4);
    const status = JSON.parse(g.cli(['status', '--campaign', CAMPAIGN, '--json']).stdout);
    expect(status.sent).toBe(4);
  });

  it('401 on a send: one forced refresh, one retry, sent once', async () => {
    g = await gmailProject({ contacts: 1, config: { followups: [] } });
    expect(g.cli(['send', '--campaign', CAMPAIGN, '--send', '--no-pacing']).status).toBe(0);
    // The client holds an access token the server no longer accepts (revoked or expired early).
    await g.server.deliver('From: x@y.org\r\nSubject: warm-up\r\nMessage-ID: <w@y.org>\r\n\r\nhi\r\n');
    const { GmailClient } = await import('../../src/gmail/gmail-client.js');
    const client = new GmailClient(g.project.config.gmail);
    await client.profile();
    g.server.invalidateAccessTokens();
    expect((await client.profile()).emailAddress).toBe(g.server.account);
    expect(g.server.log.filter((l) => l.method === 'users.getProfile').map((l) => l.status)).toEqual([200, 401, 200]);
    expect(g.server.log.filter((l) => l.method === 'token').map((l) => l.status)).toEqual([200, 200]);

    // The same through the worker: its transport holds an access token that dies before the send.
    const { GmailTransport } = await import('../../src/transports/gmail/gmail-transport.js');
    const { runSendWorker } = await import('../../src/send/run-send-worker.js');
    const transport = new GmailTransport(g.project.config.gmail);
    await transport.client.profile();
    g.server.invalidateAccessTokens();
    g.server.log.length = 0;
    const w = await runSendWorker(g.project, g.p.profile, { drain: true, transport, log: (l) => g.logs.push(l) });
    await w.done;
    expect(g.server.log.filter((l) => l.method === 'users.messages.send').map((l) => l.status)).toEqual([401, 200]);
    expect(g.server.log.filter((l) => l.method === 'token').map((l) => l.status)).toEqual([200]);
    const e = await g.entry(1, 0);
    expect(e?.state).toBe('sent');
    expect(e?.attempts).toBe(1);
    expect(g.server.sent()).toHaveLength(1);
  });

  it('invalid_grant: nothing sent, nothing failed, one line saying "run `outreach auth gmail`"', async () => {
    g = await gmailProject({ contacts: 2, config: { followups: [] } });
    g.server.revokeRefreshTokens();
    expect(g.cli(['send', '--campaign', CAMPAIGN, '--send', '--no-pacing']).status).toBe(0);
    const w = (await import('../../src/send/run-send-worker.js')).runSendWorker(g.project, g.p.profile, { log: (l) => g.logs.push(l) });
    const worker = await w;
    await waitUntil(async () => g.logs.some((l) => l.includes('run `outreach auth gmail`')));
    await worker.close();
    expect(g.server.sent()).toHaveLength(0);
    for (const i of [1, 2]) expect((await g.entry(i, 0))?.state).toBe('queued');
    const line = g.logs.find((l) => l.includes('outreach auth gmail'))!;
    expect(line).toContain('Gmail sign-in no longer works (Token has been expired or revoked)');
    expect(line.split('\n')).toHaveLength(1);
    // The CLI says the same, as one error line and a hint.
    const sync = await g.run(['replies', 'sync']);
    g.logs.push(sync.stdout, sync.stderr); // checked for secrets after the test
    expect(sync.status).toBe(1);
    expect(sync.stderr.split('\n')[0]).toBe(`error: ${g.tokenFile}: Gmail sign-in no longer works (Token has been expired or revoked): run \`outreach auth gmail\``);
  });

  it('429 with Retry-After: the sender backs off, then sends; no attempt is used up', async () => {
    // One attempt only: an ordinary temporary failure would mark the send failed.
    g = await gmailProject({ contacts: 2, config: { followups: [], retry: { attempts: 1, backoffSeconds: 0.2 } } });
    g.server.fail('users.messages.send', { status: 429, reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded', retryAfter: '2' });
    expect(g.cli(['send', '--campaign', CAMPAIGN, '--send', '--no-pacing']).status).toBe(0);
    const t0 = Date.now();
    await g.drain(); // exits once nothing is due now: the 429'd send waits for its Retry-After
    expect(g.logs.some((l) => /Rate Limit Exceeded; sender waits until/.test(l))).toBe(true);
    const held = Number(await g.p.redis.hget(g.p.keys.pace(g.project.config.sender.email), 'holdUntil'));
    expect(held).toBeGreaterThanOrEqual(t0 + 2000);
    const delayed = await g.bull.getDelayed();
    expect(delayed).toHaveLength(1);
    expect(delayed[0]!.attemptsMade).toBe(0);
    expect(g.server.sent().length).toBeLessThan(2);
    // The back-off holds every send of this sender, not only the one that got the 429.
    const states = [(await g.entry(1, 0))?.state, (await g.entry(2, 0))?.state].sort();
    expect(states).toEqual(g.server.sent().length === 1 ? ['queued', 'sent'] : ['queued', 'queued']);

    await new Promise((r) => setTimeout(r, Math.max(0, held - Date.now() + 2100)));
    await g.drain();
    const sends = g.server.log.filter((l) => l.method === 'users.messages.send');
    expect(sends.map((l) => l.status).sort()).toEqual([200, 200, 429]);
    expect(g.server.sent()).toHaveLength(2);
    for (const i of [1, 2]) expect((await g.entry(i, 0))?.state).toBe('sent');
    expect((await g.bull.getFailed())).toHaveLength(0);
  });

  it('403 userRateLimitExceeded with "Retry after <date>" in the message backs off the same way', async () => {
    const { fromGmail } = await import('../../src/transports/gmail/gmail-error.js');
    const { GoogleCallError } = await import('../../src/gmail/gmail-client.js');
    g = await gmailProject({ contacts: 1 });
    const at = new Date(Date.now() + 90_000).toISOString();
    const e = fromGmail(new GoogleCallError('users.messages.send', { status: 403, reason: 'userRateLimitExceeded', message: `User-rate limit exceeded.  Retry after ${at}`, retryAfterMs: (await import('../../src/gmail/google-error.js')).retryAfterMs(undefined, `Retry after ${at}`), tokenEndpoint: false }));
    expect(e.code).toBe('ERATELIMIT');
    expect(e.retryAfterMs).toBeGreaterThan(85_000);
    expect(e.backOff).toBe(true);
  });
});

describe('Gmail answers mapped onto the transport error table', () => {
  // [why, failure, code the worker acts on]
  const cases: [string, { status?: number; reason?: string; network?: 'connect' | 'lost'; tokenEndpoint?: boolean }, string][] = [
    ['429 is a rate limit: the sender backs off', { status: 429, reason: 'rateLimitExceeded' }, 'ERATELIMIT'],
    ['403 rateLimitExceeded is a rate limit too (Gmail uses both codes)', { status: 403, reason: 'rateLimitExceeded' }, 'ERATELIMIT'],
    ['a missing gmail.send scope holds the queue: only signing in again helps', { status: 403, reason: 'insufficientPermissions' }, 'ESIGNIN'],
    ['401 even after the forced refresh: an auth failure, retried later', { status: 401, reason: 'authError' }, 'EAUTH'],
    ['500 backendError is temporary', { status: 500, reason: 'backendError' }, 'ETRANSPORT'],
    ['503 is temporary', { status: 503, reason: 'backendError' }, 'ETRANSPORT'],
    ['400 invalidArgument (a bad To header) is refused for good', { status: 400, reason: 'invalidArgument' }, 'EREJECTED'],
    ['connection refused: nothing reached Google', { network: 'connect' }, 'ETRANSPORT'],
    ['the token refresh had no answer: the send never went out', { network: 'lost', tokenEndpoint: true }, 'ETRANSPORT'],
    ['connection lost after the request was written: Gmail may have sent it', { network: 'lost' }, 'EUNCERTAIN'],
  ];
  for (const [why, f, code] of cases)
    it(why, async () => {
      const { fromGmail } = await import('../../src/transports/gmail/gmail-error.js');
      const { GoogleCallError } = await import('../../src/gmail/gmail-client.js');
      expect(fromGmail(new GoogleCallError('users.messages.send', { message: 'x', tokenEndpoint: false, ...f })).code).toBe(code);
    });
});
