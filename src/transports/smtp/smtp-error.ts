import { TransportError } from '../transport-error.js';

interface NodemailerError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
}

/**
 * Maps a nodemailer error to our table (see transport-error.ts):
 * - a 5xx reply is a refusal for good (RFC 5321 §4.2.1);
 * - a 4xx reply, or a failure before the server accepted DATA, is temporary;
 * - no reply after the server accepted DATA (354) is uncertain: the server may have
 *   queued it (RFC 5321 §4.1.1.4 and RFC 1047), so it must not be resent blindly.
 *
 * `dataAccepted` comes from watching the conversation (see smtp-transport.ts), not from the
 * error: nodemailer labels a connection that closed during the body "CONN", like one that
 * never opened.
 */
export function fromNodemailer(err: unknown, dataAccepted: boolean): TransportError {
  const e = err as NodemailerError;
  const rc = e.responseCode;
  const opts = { responseCode: rc, response: e.response, cause: err };
  if (e.code === 'ECONFIG') return new TransportError('ECONFIG', e.message, opts);
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH') return new TransportError('EAUTH', `SMTP authentication failed${rc ? ` (${rc})` : ''}`, opts);
  if (rc && rc >= 500) return new TransportError('EREJECTED', `refused: ${e.response ?? e.message}`, opts);
  if (rc && rc >= 400) return new TransportError('ETRANSPORT', `deferred: ${e.response ?? e.message}`, opts);
  if (!dataAccepted) return new TransportError('ETRANSPORT', `${e.code ?? 'error'}: ${e.message}`, opts);
  return new TransportError('EUNCERTAIN', `no reply after the server accepted the message data (${e.code ?? 'error'}: ${e.message})`, opts);
}
