/**
 * A mailbox that replies arrive in, as the reply side sees it (ARCHITECTURE.md, "replies"):
 * it hands over every raw message that is new since a stored cursor, in order, and moves
 * its cursor past a message only after the handler has finished with it. IMAP is one
 * implementation (./imap/imap-mailbox-source.ts); another provider only adds a source.
 */
export interface InboundMessage {
  /** The RFC 5322 bytes, as received. */
  source: Buffer;
  /** The Message-ID the mailbox reported, when it reported one. */
  messageId?: string;
  /** Where it sits in the mailbox (an IMAP UID, a provider's message id), for log lines. */
  position: string;
}

export interface PullResult {
  /** Messages handed over in this pass. */
  fetched: number;
  /** The stored cursor was void (UIDVALIDITY changed, history expired): the pass started over. */
  reset: boolean;
}

export interface PullOptions {
  log?: (line: string) => void;
  /** Stops between two messages; what was handled so far stays recorded. */
  signal?: AbortSignal;
}

export interface MailboxSource {
  /** A stable name for locks and cursors: who, where and which folder, never a secret. */
  readonly id: string;
  /** For log lines and errors. */
  describe(): string;
  /**
   * One incremental pass. `handle` MUST be idempotent per message: after a reset the whole
   * mailbox comes again, and a crash between handling and the cursor moving repeats one.
   */
  pull(handle: (m: InboundMessage) => Promise<void>, opts?: PullOptions): Promise<PullResult>;
  /** Logs in and opens the mailbox read-only, reading nothing (`outreach doctor`). */
  verify?(): Promise<void>;
}
