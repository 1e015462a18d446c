import type { ImapCursor, ImapCursorStore } from './cursor-store.js';

/** Keeps cursors in process memory: for tests and one-off runs that need no resume. */
export class MemoryCursorStore implements ImapCursorStore {
  private readonly cursors = new Map<string, ImapCursor>();

  async get(mailboxKey: string): Promise<ImapCursor | null> {
    const c = this.cursors.get(mailboxKey);
    return c ? { ...c } : null;
  }

  async set(mailboxKey: string, c: ImapCursor): Promise<void> {
    this.cursors.set(mailboxKey, { ...c });
  }
}
