import { UserError } from '../../errors/user-error.js';
import type { ImapTarget } from './imap-url.js';

/**
 * The IMAP server could not be reached or the session broke. `temporary` says whether a
 * later retry may succeed (refused, reset, timed out, server said BYE) or not (unknown
 * host, TLS failure): the reply worker retries the first kind and reports the second.
 */
export class ImapConnectionError extends Error {
  readonly host: string;
  readonly port: number;
  readonly temporary: boolean;
  readonly code: string | undefined;
  constructor(host: string, port: number, reason: string, opts: { temporary: boolean; code?: string; cause?: unknown }) {
    super(`IMAP ${host}:${port}: ${reason}${opts.temporary ? ' (temporary, will retry)' : ''}`, { cause: opts.cause });
    this.name = 'ImapConnectionError';
    this.host = host;
    this.port = port;
    this.temporary = opts.temporary;
    this.code = opts.code;
  }
}

const TEMPORARY = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT', 'EConnectionClosed',
  'NoConnection', 'ETHROTTLE', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS', 'StateLogout',
]);

interface ErrorShape {
  code?: string;
  message?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  responseText?: string;
}

/** One line, with anything after a newline dropped (server texts can be multi-line). */
function firstLine(s: string | undefined): string {
  return (s ?? '').split(/\r?\n/)[0]?.trim() ?? '';
}

/**
 * Maps an imapflow / socket error to what the caller can act on: a UserError for things
 * only the user can fix (password, mailbox name), an ImapConnectionError otherwise.
 * The password never appears: imapflow's messages do not carry it and we only add host:port.
 */
export function toImapFailure(err: unknown, t: ImapTarget): Error {
  if (err instanceof UserError || err instanceof ImapConnectionError) return err;
  const e = (err ?? {}) as ErrorShape;
  if (e.authenticationFailed) {
    return new UserError(`IMAP login as ${t.user} at ${t.host}:${t.port} was refused`, {
      where: 'IMAP_URL',
      hint: 'check the user name and password in IMAP_URL (Gmail and Outlook want an app password)',
      cause: err,
    });
  }
  if (e.mailboxMissing) {
    return new UserError(`mailbox "${t.mailbox}" does not exist at ${t.host}`, {
      where: 'IMAP_URL',
      hint: 'put an existing folder after the host in IMAP_URL, e.g. imaps://user:pass@host/INBOX',
      cause: err,
    });
  }
  const code = e.code;
  if (code === 'ENOTFOUND') {
    return new ImapConnectionError(t.host, t.port, 'host name not found; check the host in IMAP_URL', { temporary: false, code, cause: err });
  }
  if (e.tlsFailed || (code !== undefined && /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code))) {
    return new ImapConnectionError(t.host, t.port, `TLS failed (${code ?? firstLine(e.message)})`, { temporary: false, code, cause: err });
  }
  const temporary = code !== undefined && TEMPORARY.has(code);
  const reason = firstLine(e.responseText) || firstLine(e.message) || 'connection failed';
  return new ImapConnectionError(t.host, t.port, code ? `${reason} (${code})` : reason, { temporary, code, cause: err });
}
