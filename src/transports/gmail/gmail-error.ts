import { UserError } from '../../errors/user-error.js';
import { GmailSignInError } from '../../gmail/gmail-sign-in-error.js';
import { GoogleCallError } from '../../gmail/gmail-client.js';
import { TransportError } from '../transport-error.js';

/** How long the sender waits when Google names no time: one minute for a rate limit. */
export const DEFAULT_RATE_LIMIT_MS = 60_000;
/** A void sign-in holds the queue until someone signs in again; tried again every 15 minutes. */
export const SIGN_IN_HOLD_MS = 15 * 60_000;

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RESOURCE_EXHAUSTED']);

/**
 * Maps a failed `users.messages.send` to our table (transport-error.ts), from Google's
 * "Resolve errors" guide for the Gmail API:
 * - 429, or 403 with reason rateLimitExceeded/userRateLimitExceeded → ERATELIMIT (wait Retry-After);
 * - `invalid_grant` on refresh, or 403 for a missing scope → ESIGNIN (only `outreach auth gmail` helps);
 * - 401 after the forced refresh and retry → EAUTH; 5xx → ETRANSPORT (temporary);
 * - another 4xx (400 invalid recipient, 403 missing scope) → EREJECTED;
 * - no answer: ETRANSPORT when the request never reached Google (refused, DNS, or the token
 *   refresh failed), EUNCERTAIN when the connection broke after it was written: Gmail may
 *   have sent it, so it must not be sent again blindly.
 */
export function fromGmail(err: unknown): TransportError {
  // Signed out (invalid_grant) or never signed in (no token file): nothing can go until the user signs in.
  if (err instanceof GmailSignInError || err instanceof UserError) return new TransportError('ESIGNIN', err instanceof GmailSignInError ? err.message : `${err.line()}: run \`outreach auth gmail\``, { cause: err, retryAfterMs: SIGN_IN_HOLD_MS });
  if (!(err instanceof GoogleCallError)) return new TransportError('ECONFIG', (err as Error).message, { cause: err });
  const f = err.failure;
  const opts = { responseCode: f.status, response: f.reason ? `${f.reason}: ${f.message}` : f.message, cause: err };
  if (f.network) {
    if (f.network === 'connect' || f.tokenEndpoint) return new TransportError('ETRANSPORT', err.message, opts);
    return new TransportError('EUNCERTAIN', `connection lost after the message was handed to Gmail (${f.message})`, opts);
  }
  const status = f.status ?? 0;
  if (status === 429 || (status === 403 && f.reason && RATE_REASONS.has(f.reason)))
    return new TransportError('ERATELIMIT', err.message, { ...opts, retryAfterMs: f.retryAfterMs ?? DEFAULT_RATE_LIMIT_MS });
  // The sign-in lacks the gmail.send scope (a box left unticked on the consent screen): every send would fail alike.
  if (status === 403 && (f.reason === 'insufficientPermissions' || f.reason === 'ACCESS_TOKEN_SCOPE_INSUFFICIENT'))
    return new TransportError('ESIGNIN', `Gmail: the sign-in does not allow sending (${f.message}): run \`outreach auth gmail\` and allow both permissions`, { ...opts, retryAfterMs: SIGN_IN_HOLD_MS });
  if (status === 401) return new TransportError('EAUTH', err.message, opts);
  if (status >= 500 || f.tokenEndpoint) return new TransportError('ETRANSPORT', err.message, opts);
  return new TransportError('EREJECTED', err.message, opts);
}
