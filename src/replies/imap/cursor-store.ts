/**
 * Where a mailbox's sync position is kept. UIDs only mean something together with the
 * mailbox's UIDVALIDITY (RFC 3501 2.3.1.1, RFC 9051 2.3.1.1), so both are stored together.
 * uidValidity is a string because it is an unsigned 32-bit number that imapflow gives as a bigint.
 */
export interface ImapCursor {
  uidValidity: string;
  lastUid: number;
}

export interface ImapCursorStore {
  get(mailboxKey: string): Promise<ImapCursor | null>;
  set(mailboxKey: string, c: ImapCursor): Promise<void>;
}
