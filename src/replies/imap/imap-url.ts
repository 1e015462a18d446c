import { UserError } from '../../errors/user-error.js';

/** The parts of an IMAP_URL that imapflow needs. */
export interface ImapTarget {
  secure: boolean;
  host: string;
  port: number;
  user: string;
  pass: string;
  mailbox: string;
}

const HINT = 'set IMAP_URL to imap://user:pass@host:143/INBOX or imaps://user:pass@host:993/INBOX (percent-encode @ : / in the password)';

function bad(message: string): UserError {
  return new UserError(message, { where: 'IMAP_URL', hint: HINT });
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw bad(`the ${what} has a broken %-escape`);
  }
}

/**
 * Parses `imap://` or `imaps://user:pass@host[:port][/mailbox]` (a subset of RFC 5092).
 * Error messages never contain the URL itself: it carries the password.
 */
export function parseImapUrl(url: string): ImapTarget {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw bad('is not a valid URL');
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'imap' && scheme !== 'imaps') throw bad(`scheme "${scheme}" is not imap or imaps`);
  const secure = scheme === 'imaps';
  // Brackets are kept by URL for IPv6 literals; net.connect wants the bare address.
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw bad('has no host');
  const port = u.port ? Number(u.port) : secure ? 993 : 143;
  const user = decode(u.username, 'user name');
  const pass = decode(u.password, 'password');
  if (!user) throw bad(`has no user name (host ${host})`);
  if (!pass) throw bad(`has no password for ${user}@${host}`);
  // RFC 5092 allows ";UIDVALIDITY=..." and similar after the mailbox; they are not used here.
  const path = decode(u.pathname.replace(/^\//, '').split(';')[0] ?? '', 'mailbox');
  return { secure, host, port, user, pass, mailbox: path || 'INBOX' };
}

/** The cursor key for a mailbox: who, where and which folder, never the password. */
export function mailboxKey(t: ImapTarget): string {
  return `${t.user}@${t.host}:${t.port}/${t.mailbox}`;
}

/** `user@host:port/mailbox`, for log lines. */
export function describeTarget(t: ImapTarget): string {
  return `${t.secure ? 'imaps' : 'imap'}://${mailboxKey(t)}`;
}
