export type { ImapCursor, ImapCursorStore } from './cursor-store.js';
export { ImapConnectionError, toImapFailure } from './imap-error.js';
export { parseImapUrl, mailboxKey, describeTarget, type ImapTarget } from './imap-url.js';
export { MemoryCursorStore } from './memory-cursor-store.js';
export { RedisCursorStore } from './redis-cursor-store.js';
export { syncMailbox, type ImapMessage, type SyncMailboxOptions, type SyncMailboxResult } from './sync-mailbox.js';
