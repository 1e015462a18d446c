import { ImapFlow, type FetchMessageObject } from 'imapflow';
import type { ImapCursor, ImapCursorStore } from './cursor-store.js';
import { toImapFailure } from './imap-error.js';
import { describeTarget, mailboxKey, parseImapUrl, type ImapTarget } from './imap-url.js';

/** One message as handed to the caller. */
export interface ImapMessage {
  uid: number;
  uidValidity: string;
  source: Buffer;
  messageId?: string;
}

export interface SyncMailboxOptions {
  url: string;
  cursors: ImapCursorStore;
  /**
   * Called once per new message, in UID order; the cursor moves past a message only after
   * this resolves, so a throw (or a crash) means that message comes again next time.
   * It MUST be idempotent per Message-ID: after a UIDVALIDITY change (uidValidityReset)
   * the whole mailbox is handed over again, including messages already seen under the old
   * UIDVALIDITY, and there is no way to tell them apart by UID.
   */
  handle: (msg: ImapMessage) => Promise<void>;
  /** Messages fetched per FETCH command (memory bound: their sources are held at once). */
  batchSize?: number;
  logger?: (line: string) => void;
  /** Stops between two messages; what was handled so far stays recorded. */
  signal?: AbortSignal;
}

export interface SyncMailboxResult {
  /** Messages handled in this run. */
  fetched: number;
  uidValidityReset: boolean;
  lastUid: number;
}

function newClient(t: ImapTarget): ImapFlow {
  return new ImapFlow({
    host: t.host,
    port: t.port,
    secure: t.secure,
    auth: { user: t.user, pass: t.pass },
    logger: false,
    // One pass, then logout: no IDLE between our commands.
    disableAutoIdle: true,
    connectionTimeout: 30_000,
    socketTimeout: 120_000,
  });
}

async function closeQuietly(client: ImapFlow): Promise<void> {
  try {
    if (client.usable) await client.logout();
  } catch {
    // The session is already gone (dropped, kicked); nothing to tidy on the server.
  } finally {
    client.close();
  }
}

/** Runs an IMAP call, turning its failure into a UserError or an ImapConnectionError. */
async function imap<T>(t: ImapTarget, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toImapFailure(err, t);
  }
}

/**
 * UIDs above lastUid, ascending. `UID SEARCH UID n:*` is not enough on its own: "*" is the
 * largest UID in the mailbox, and RFC 3501 6.4.8 / RFC 9051 6.4.9 say n:* with n above it
 * still matches that last message, so the result is filtered.
 */
async function newUids(client: ImapFlow, t: ImapTarget, lastUid: number): Promise<number[]> {
  const found = await imap(t, () => client.search({ uid: `${lastUid + 1}:*` }, { uid: true }));
  return (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
}

async function fetchBatch(client: ImapFlow, t: ImapTarget, uids: number[]): Promise<FetchMessageObject[]> {
  // `source` is fetched as BODY.PEEK[], which never sets \Seen (RFC 3501 6.4.5); the
  // mailbox is also EXAMINEd (read-only), so the user's mailbox is left exactly as it was.
  const msgs = await imap(t, () => client.fetchAll(uids.join(','), { uid: true, source: true, envelope: true }, { uid: true }));
  return msgs.filter((m) => uids.includes(m.uid)).sort((a, b) => a.uid - b.uid);
}

/** Logs in and opens the mailbox read-only, then logs out: the check `outreach doctor` runs. */
export async function verifyMailbox(url: string): Promise<void> {
  const t = parseImapUrl(url);
  const client = newClient(t);
  client.on('error', () => undefined);
  await imap(t, () => client.connect());
  try {
    const lock = await imap(t, () => client.getMailboxLock(t.mailbox, { readOnly: true }));
    lock.release();
  } finally {
    await closeQuietly(client);
  }
}

/**
 * One incremental pass over a mailbox: every message with a UID above the stored cursor
 * is handed to `handle`, in UID order, and the cursor advances after each one. A dropped
 * connection therefore loses nothing and repeats nothing: the next pass starts right after
 * the last handled message. A changed UIDVALIDITY voids the stored UIDs, so the pass
 * starts again from UID 1 and reports uidValidityReset.
 */
export async function syncMailbox(opts: SyncMailboxOptions): Promise<SyncMailboxResult> {
  const t = parseImapUrl(opts.url);
  const key = mailboxKey(t);
  const log = opts.logger ?? (() => undefined);
  const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 50));
  const client = newClient(t);
  // Without a listener an 'error' event (socket reset) would crash the process; the failure
  // also rejects the pending command, which is where it is reported.
  client.on('error', () => undefined);
  await imap(t, () => client.connect());
  try {
    const lock = await imap(t, () => client.getMailboxLock(t.mailbox, { readOnly: true }));
    try {
      return await pass(client, t, key, opts, batchSize, log);
    } finally {
      lock.release();
    }
  } finally {
    await closeQuietly(client);
  }
}

async function pass(
  client: ImapFlow, t: ImapTarget, key: string, opts: SyncMailboxOptions, batchSize: number, log: (line: string) => void,
): Promise<SyncMailboxResult> {
  const box = client.mailbox;
  if (!box) throw toImapFailure(new Error('mailbox not selected'), t);
  const uidValidity = box.uidValidity.toString();
  const stored = await opts.cursors.get(key);
  let cursor: ImapCursor = stored ?? { uidValidity, lastUid: 0 };
  let uidValidityReset = false;
  if (stored && stored.uidValidity !== uidValidity) {
    log(`imap ${describeTarget(t)}: UIDVALIDITY changed ${stored.uidValidity} -> ${uidValidity}; rescanning from UID 1`);
    cursor = { uidValidity, lastUid: 0 };
    uidValidityReset = true;
    await opts.cursors.set(key, cursor);
  }
  let fetched = 0;
  // UIDNEXT is a cheap "anything new?" check from the EXAMINE answer (RFC 3501 2.3.1.1).
  const uids = box.uidNext > cursor.lastUid + 1 ? await newUids(client, t, cursor.lastUid) : [];
  if (uids.length) log(`imap ${describeTarget(t)}: ${uids.length} new message(s) after UID ${cursor.lastUid}`);
  for (let i = 0; i < uids.length && !opts.signal?.aborted; i += batchSize) {
    for (const m of await fetchBatch(client, t, uids.slice(i, i + batchSize))) {
      if (opts.signal?.aborted) break;
      const messageId = m.envelope?.messageId;
      await opts.handle({
        uid: m.uid,
        uidValidity,
        source: m.source ?? Buffer.alloc(0),
        ...(messageId ? { messageId } : {}),
      });
      cursor = { uidValidity, lastUid: m.uid };
      await opts.cursors.set(key, cursor);
      fetched++;
    }
  }
  return { fetched, uidValidityReset, lastUid: cursor.lastUid };
}
