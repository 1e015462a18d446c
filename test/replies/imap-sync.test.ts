// Incremental IMAP sync against a real Dovecot on loopback (run .ci/dovecot.sh first).
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCursorStore } from '../../src/replies/imap/redis-cursor-store.js';
import { MemoryCursorStore } from '../../src/replies/imap/memory-cursor-store.js';
import { syncMailbox, type ImapMessage } from '../../src/replies/imap/sync-mailbox.js';
import {
  appendMessages, changeUidValidity, createMailbox, deleteMessage, flagsByUid, loadImapFixtures, startDovecot, type Dovecot,
} from '../helpers/dovecot.js';

let dovecot: Dovecot;
let redis: Redis;
const prefix = `test-imap-${randomUUID()}`;
let fixtures: Awaited<ReturnType<typeof loadImapFixtures>>;

beforeAll(async () => {
  dovecot = await startDovecot();
  redis = new Redis('redis://127.0.0.1:6379');
  fixtures = await loadImapFixtures();
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await dovecot.stop();
});

/** A handler that records what it saw. */
function recorder(): { seen: ImapMessage[]; handle: (m: ImapMessage) => Promise<void> } {
  const seen: ImapMessage[] = [];
  return { seen, handle: async (m) => { seen.push(m); } };
}

describe('syncMailbox against Dovecot', () => {
  it('hands over new messages only, in UID order, and resumes from Redis', async () => {
    const url = await createMailbox(dovecot, 'Incremental');
    const cursors = new RedisCursorStore(redis, prefix);
    const first = await appendMessages(dovecot, 'Incremental', fixtures.slice(0, 3).map((f) => f.raw));

    const r1 = recorder();
    const res1 = await syncMailbox({ url, cursors, handle: r1.handle, batchSize: 2 });
    expect(res1).toEqual({ fetched: 3, uidValidityReset: false, lastUid: first[2] });
    expect(r1.seen.map((m) => m.uid)).toEqual(first);
    expect(r1.seen.map((m) => m.messageId)).toEqual(fixtures.slice(0, 3).map((f) => f.messageId));
    // The bytes are the message as appended (Dovecot may store LF as CRLF).
    const norm = (b: Buffer) => b.toString('latin1').replace(/\r\n/g, '\n');
    expect(norm(r1.seen[0]!.source)).toBe(norm(fixtures[0]!.raw));

    const second = await appendMessages(dovecot, 'Incremental', fixtures.slice(3, 5).map((f) => f.raw));
    // A new store object over the same Redis keys: the cursor lives in Redis, not in memory.
    const r2 = recorder();
    const res2 = await syncMailbox({ url, cursors: new RedisCursorStore(redis, prefix), handle: r2.handle });
    expect(res2).toEqual({ fetched: 2, uidValidityReset: false, lastUid: second[1] });
    expect(r2.seen.map((m) => m.messageId)).toEqual(fixtures.slice(3, 5).map((f) => f.messageId));

    // Nothing new: "UID n:*" with n past the last UID still matches the last message
    // (RFC 3501 6.4.8); it must not be handed over again.
    const r3 = recorder();
    const res3 = await syncMailbox({ url, cursors, handle: r3.handle });
    expect(res3).toEqual({ fetched: 0, uidValidityReset: false, lastUid: second[1] });
    expect(r3.seen).toEqual([]);
  });

  it('does not hand the last message over again when newer ones were expunged', async () => {
    // UIDNEXT is past our cursor, but the only UID above it is gone: "UID SEARCH UID 4:*"
    // then matches UID 3, the largest one left (RFC 3501 6.4.8).
    const url = await createMailbox(dovecot, 'Expunged');
    const cursors = new MemoryCursorStore();
    const uids = await appendMessages(dovecot, 'Expunged', fixtures.slice(0, 3).map((f) => f.raw));
    await syncMailbox({ url, cursors, handle: async () => undefined });
    const [extra] = await appendMessages(dovecot, 'Expunged', [fixtures[3]!.raw]);
    await deleteMessage(dovecot, 'Expunged', extra!);
    const r = recorder();
    const res = await syncMailbox({ url, cursors, handle: r.handle });
    expect(r.seen).toEqual([]);
    expect(res).toEqual({ fetched: 0, uidValidityReset: false, lastUid: uids[2] });
  });

  it('leaves the mailbox untouched (no \\Seen, nothing moved or deleted)', async () => {
    const url = await createMailbox(dovecot, 'ReadOnly');
    await appendMessages(dovecot, 'ReadOnly', fixtures.slice(0, 2).map((f) => f.raw));
    const before = await flagsByUid(dovecot, 'ReadOnly');
    const r = recorder();
    await syncMailbox({ url, cursors: new MemoryCursorStore(), handle: r.handle });
    expect(r.seen).toHaveLength(2);
    const after = await flagsByUid(dovecot, 'ReadOnly');
    expect([...after.entries()]).toEqual([...before.entries()]);
    for (const flags of after.values()) expect(flags).not.toContain('\\Seen');
  });

  it('rescans everything after a UIDVALIDITY change and says so', async () => {
    const url = await createMailbox(dovecot, 'Validity');
    const cursors = new MemoryCursorStore();
    await appendMessages(dovecot, 'Validity', fixtures.slice(0, 3).map((f) => f.raw));
    const r1 = recorder();
    await syncMailbox({ url, cursors, handle: r1.handle });
    const oldValidity = r1.seen[0]!.uidValidity;

    const newValidity = await changeUidValidity(dovecot, 'Validity');
    expect(newValidity).not.toBe(oldValidity);
    const lines: string[] = [];
    const r2 = recorder();
    const res = await syncMailbox({ url, cursors, handle: r2.handle, logger: (l) => lines.push(l) });
    expect(res.uidValidityReset).toBe(true);
    expect(res.fetched).toBe(3);
    expect(r2.seen.map((m) => m.uidValidity)).toEqual([newValidity, newValidity, newValidity]);
    expect(r2.seen.map((m) => m.messageId)).toEqual(fixtures.slice(0, 3).map((f) => f.messageId));
    expect(lines.join('\n')).toContain('UIDVALIDITY changed');
    expect(lines.join('\n')).not.toContain('secret');

    const r3 = recorder();
    const again = await syncMailbox({ url, cursors, handle: r3.handle });
    expect(again).toMatchObject({ fetched: 0, uidValidityReset: false });
  });

  it('stops between messages when aborted and the next pass continues', async () => {
    const url = await createMailbox(dovecot, 'Abort');
    const cursors = new MemoryCursorStore();
    const uids = await appendMessages(dovecot, 'Abort', fixtures.slice(0, 4).map((f) => f.raw));
    const ac = new AbortController();
    const seen: number[] = [];
    const res = await syncMailbox({
      url, cursors, signal: ac.signal,
      handle: async (m) => { seen.push(m.uid); if (seen.length === 2) ac.abort(); },
    });
    expect(res).toEqual({ fetched: 2, uidValidityReset: false, lastUid: uids[1] });
    const r = recorder();
    await syncMailbox({ url, cursors, handle: r.handle });
    expect([...seen, ...r.seen.map((m) => m.uid)]).toEqual(uids);
  });
});
