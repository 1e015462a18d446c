// `outreach suppress add|list|remove`: the global do-not-contact list, and its effect at
// send time (the ledger claim cancels a queued send to a suppressed address).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { drainWorker, setupCampaign, type TestCampaign } from '../helpers/reply-campaign.js';
import { pinConfig, runCli } from '../helpers/cli.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

let smtp: SmtpSink;
let t: TestCampaign;

beforeAll(async () => {
  smtp = await startSmtpSink();
  t = await setupCampaign({ smtpUrl: smtp.url, imapUrl: 'imap://u:p@127.0.0.1:1/INBOX', contacts: [{ email: 'keep@example.edu' }, { email: 'Stop@Example.edu' }] });
  await pinConfig(t);
});

afterAll(async () => {
  await t?.cleanup();
  await smtp?.stop();
});

const cli = (...args: string[]) => runCli(t.dir, args);

describe('outreach suppress', () => {
  it('adds, lists and removes addresses, lowercased, idempotently', async () => {
    expect(JSON.parse(await cli('suppress', 'add', 'Stop@Example.edu', 'other@example.org', '--json'))).toEqual({ added: ['stop@example.edu', 'other@example.org'], already: [] });
    expect(JSON.parse(await cli('suppress', 'add', 'stop@example.edu', '--json'))).toEqual({ added: [], already: ['stop@example.edu'] });
    expect(JSON.parse(await cli('suppress', 'list', '--json'))).toEqual(['other@example.org', 'stop@example.edu']);
    expect(await cli('suppress', 'remove', 'other@example.org', 'nobody@example.org')).toBe('removed 1 address(es); 1 were not on the list\n');
    expect(await cli('suppress', 'list')).toBe('stop@example.edu\n');
  });

  it('refuses a malformed address and changes nothing', async () => {
    const err = await cli('suppress', 'add', 'fine@example.org', 'not-an-address').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).line()).toContain('not-an-address');
    expect(JSON.parse(await cli('suppress', 'list', '--json'))).toEqual(['stop@example.edu']);
  });

  it('stops a queued send at send time', async () => {
    await drainWorker(t);
    expect(smtp.messages.map((m) => m.to)).toEqual(['keep@example.edu']);
    const stopped = t.contacts.find((c) => c.email === 'Stop@Example.edu')!;
    expect(await t.ledger.get(stopped.id, 0)).toMatchObject({ state: 'cancelled', error: 'suppressed' });
  });
});
