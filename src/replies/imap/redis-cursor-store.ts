import type { Redis } from 'ioredis';
import type { ImapCursor, ImapCursorStore } from './cursor-store.js';

/**
 * Cursors in Redis, one hash per mailbox at `${prefix}:imap:cursor:${mailboxKey}` with
 * fields uidValidity and lastUid. HSET writes both fields at once, so a reader never sees
 * a lastUid paired with the wrong UIDVALIDITY.
 */
export class RedisCursorStore implements ImapCursorStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  key(mailboxKey: string): string {
    return `${this.prefix}:imap:cursor:${mailboxKey}`;
  }

  async get(mailboxKey: string): Promise<ImapCursor | null> {
    const h = await this.redis.hgetall(this.key(mailboxKey));
    if (h.uidValidity === undefined || h.lastUid === undefined) return null;
    const lastUid = Number(h.lastUid);
    // A hand-edited or corrupt value restarts the scan rather than skipping mail.
    if (!Number.isInteger(lastUid) || lastUid < 0) return null;
    return { uidValidity: h.uidValidity, lastUid };
  }

  async set(mailboxKey: string, c: ImapCursor): Promise<void> {
    await this.redis.hset(this.key(mailboxKey), { uidValidity: c.uidValidity, lastUid: String(c.lastUid) });
  }
}
