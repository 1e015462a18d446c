import type { Redis } from 'ioredis';
import type { InboundMessage, MailboxSource, PullOptions, PullResult } from '../mailbox-source.js';
import type { ImapCursorStore } from './cursor-store.js';
import { describeTarget, mailboxKey, parseImapUrl } from './imap-url.js';
import { RedisCursorStore } from './redis-cursor-store.js';
import { syncMailbox, verifyMailbox } from './sync-mailbox.js';

/** An IMAP folder as a MailboxSource: read-only, incremental by UID (see sync-mailbox.ts). */
export class ImapMailboxSource implements MailboxSource {
  readonly id: string;
  private readonly cursors: ImapCursorStore;

  /** `cursors`: where the UID cursors live (RedisCursorStore under that key prefix). */
  constructor(private readonly url: string, cursors: { redis: Redis; prefix: string }) {
    // Parsing here makes a bad IMAP_URL fail before any connection is tried.
    this.id = `imap:${mailboxKey(parseImapUrl(url))}`;
    this.cursors = new RedisCursorStore(cursors.redis, cursors.prefix);
  }

  describe(): string {
    return describeTarget(parseImapUrl(this.url));
  }

  verify(): Promise<void> {
    return verifyMailbox(this.url);
  }

  async pull(handle: (m: InboundMessage) => Promise<void>, opts: PullOptions = {}): Promise<PullResult> {
    const r = await syncMailbox({
      url: this.url,
      cursors: this.cursors,
      logger: opts.log,
      signal: opts.signal,
      handle: (msg) => handle({ source: msg.source, position: `UID ${msg.uid}`, ...(msg.messageId ? { messageId: msg.messageId } : {}) }),
    });
    return { fetched: r.fetched, reset: r.uidValidityReset };
  }
}
