import { TransportError } from '../transport-error.js';

interface NodemailerError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

// Commands before the message body: a failure there means the server never got the message.
const BEFORE_DATA = /^(CONN|EHLO|HELO|LHLO|STARTTLS|AUTH|MAIL|RCPT)/i;

/**
 * Maps a nodemailer error to our table (see transport-error.ts):
 * - a 5xx reply is a refusal for good (RFC 5321 §4.2.1);
 * - a 4xx reply, or a failure before the message body was sent, is temporary;
 * - a broken connection after the body went out is uncertain: the server may have
 *   queued it (RFC 5321 §4.1.1.4 and RFC 1047), so it must not be resent blindly.
 */
export function fromNodemailer(err: unknown): TransportError {
  const e = err as NodemailerError;
  const rc = e.responseCode;
  const opts = { responseCode: rc, response: e.response, cause: err };
  if (e.code === 'ECONFIG') return new TransportError('ECONFIG', e.message, opts);
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return new TransportError('EAUTH', `SMTP authentication failed${rc ? ` (${rc})` : ''}`, opts);
  if (rc && rc >= 500) return new TransportError('EREJECTED', `refused: ${e.response ?? e.message}`, opts);
  if (rc && rc >= 400) return new TransportError('ETRANSPORT', `deferred: ${e.response ?? e.message}`, opts);
  if (!e.command || BEFORE_DATA.test(e.command)) return new TransportError('ETRANSPORT', `${e.code ?? 'error'}: ${e.message}`, opts);
  return new TransportError('EUNCERTAIN', `connection lost during ${e.command} (${e.code ?? e.message})`, opts);
}
