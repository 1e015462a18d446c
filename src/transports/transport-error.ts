/**
 * Transport error codes, in one table (nodemailer's style), with the SMTP response code kept.
 *
 * | code       | meaning                                              | worker does            |
 * |------------|------------------------------------------------------|------------------------|
 * | ECONFIG    | the transport is misconfigured (bad URL, no file)    | fails, no retry        |
 * | EAUTH      | the server refused our credentials                   | retries with backoff   |
 * | ETRANSPORT | not delivered, for now (4xx, connection refused)     | retries with backoff   |
 * | EREJECTED  | refused for good (5xx, recipient rejected)           | marks failed, no retry |
 * | EUNCERTAIN | no final reply after the server accepted DATA (354), or a Gmail request lost after it was written | marks uncertain |
 * | ERATELIMIT | the provider asks us to slow down (Gmail 429, rateLimitExceeded, userRateLimitExceeded) | backs the sender's queue off for retryAfterMs; no attempt used |
 * | ESIGNIN    | the saved sign-in is void (Gmail `invalid_grant`)     | holds the sender's queue for retryAfterMs, logs "run `outreach auth gmail`"; no attempt used |
 */
export type TransportErrorCode = 'ECONFIG' | 'EAUTH' | 'ETRANSPORT' | 'EREJECTED' | 'EUNCERTAIN' | 'ERATELIMIT' | 'ESIGNIN';

export class TransportError extends Error {
  readonly code: TransportErrorCode;
  readonly responseCode: number | undefined;
  readonly response: string | undefined;
  /** ERATELIMIT and ESIGNIN: how long the sender's queue waits before the next try. */
  readonly retryAfterMs: number | undefined;
  constructor(code: TransportErrorCode, message: string, opts: { responseCode?: number; response?: string; cause?: unknown; retryAfterMs?: number } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'TransportError';
    this.code = code;
    this.responseCode = opts.responseCode;
    this.response = opts.response;
    this.retryAfterMs = opts.retryAfterMs;
  }

  /** The whole sender waits (nothing was sent, and no attempt is used up). */
  get backOff(): boolean {
    return this.code === 'ERATELIMIT' || this.code === 'ESIGNIN';
  }

  /** Worth another try later: nothing was delivered and the cause may pass. */
  get temporary(): boolean {
    return this.code === 'ETRANSPORT' || this.code === 'EAUTH';
  }
}
