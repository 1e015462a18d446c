// Failures of the IMAP sync against a real Dovecot: dropped sessions, bad logins, no server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { ImapConnectionError } from '../../src/replies/imap/imap-error.js';
import { MemoryCursorStore } from '../../src/replies/imap/memory-cursor-store.js';
import { syncMailbox, type ImapMessage } from '../../src/replies/imap/sync-mailbox.js';
import { appendMessages, createMailbox, kickTester, loadImapFixtures, startDovecot, type Dovecot } from '../helpers/dovecot.js';

let dovecot: Dovecot;
let fixtures: Awaited<ReturnType<typeof loadImapFixtures>>;

beforeAll(async () => {
  dovecot = await startDovecot();
  fixtures = await loadImapFixtures();
});
afterAll(async () => dovecot.stop());

const noop = async (): Promise<void> => undefined;

describe('syncMailbox failures', () => {
  it('handler fails as the session drops: that message comes again, none twice', async () => {
    const url = await createMailbox(dovecot, 'DropThrow');
    const cursors = new MemoryCursorStore();
    const uids = await appendMessages(dovecot, 'DropThrow', fixtures.map((f) => f.raw));
    const handled: number[] = [];
    const run1 = syncMailbox({
      url, cursors,
      handle: async (m: ImapMessage) => {
        if (m.uid === uids[1]) {
          await kickTester(dovecot);
          throw new Error('ledger write failed');
        }
        handled.push(m.uid);
      },
    });
    await expect(run1).rejects.toThrow('ledger write failed');
    expect(handled).toEqual([uids[0]]);
    const res = await syncMailbox({ url, cursors, handle: async (m) => { handled.push(m.uid); } });
    expect(res.fetched).toBe(uids.length - 1);
    expect(handled).toEqual(uids);
  });

  it('session dropped between batches: a temporary ImapConnectionError, then resume', async () => {
    const url = await createMailbox(dovecot, 'DropBetween');
    const cursors = new MemoryCursorStore();
    const uids = await appendMessages(dovecot, 'DropBetween', fixtures.map((f) => f.raw));
    const handled: number[] = [];
    const err = await syncMailbox({
      url, cursors, batchSize: 2,
      handle: async (m) => {
        handled.push(m.uid);
        if (handled.length === 2) await kickTester(dovecot);
      },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImapConnectionError);
    const e = err as ImapConnectionError;
    expect(e.temporary).toBe(true);
    expect(e.message).toContain('127.0.0.1');
    expect(e.message).not.toContain('secret');
    expect(e.message).not.toContain('\n');
    expect(handled).toEqual(uids.slice(0, 2));

    await syncMailbox({ url, cursors, handle: async (m) => { handled.push(m.uid); } });
    expect(handled).toEqual(uids);
  });

  it('a mailbox that does not exist is a UserError', async () => {
    const url = dovecot.url.replace(/\/INBOX$/, '/NoSuchFolder');
    const err = await syncMailbox({ url, cursors: new MemoryCursorStore(), handle: noop }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain('NoSuchFolder');
  });

  it('no server listening is a temporary ImapConnectionError naming the host', async () => {
    // A port that was free a moment ago and has nothing listening on it.
    const { createServer } = await import('node:net');
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const a = s.address();
        s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
      });
    });
    const err = await syncMailbox({
      url: `imap://tester:secret@127.0.0.1:${port}/INBOX`, cursors: new MemoryCursorStore(), handle: noop,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImapConnectionError);
    expect((err as ImapConnectionError).temporary).toBe(true);
    expect((err as Error).message.startsWith(`IMAP 127.0.0.1:${port}: `)).toBe(true);
    expect((err as Error).message).toContain('ECONNREFUSED');
    expect((err as Error).message).not.toContain('secret');
  });
  // Last: after a failed login Dovecot delays further logins from this address (auth penalty).
  it('a wrong password is a UserError pointing at IMAP_URL, without the password', async () => {
    const url = dovecot.url.replace('tester:secret@', 'tester:wrong-pa55word@');
    const err = await syncMailbox({ url, cursors: new MemoryCursorStore(), handle: noop }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const u = err as UserError;
    expect(u.where).toBe('IMAP_URL');
    expect(u.hint).toContain('IMAP_URL');
    expect(`${u.line()} ${u.hint}`).not.toContain('wrong-pa55word');
  });
});
