/**
 * Transport error codes, in one table (nodemailer's style), with the SMTP response code kept.
 *
 * | code       | meaning                                              | worker does            |
 * |------------|------------------------------------------------------|------------------------|
 * | ECONFIG    | the transport is misconfigured (bad URL, no file)    | fails, no retry        |
 * | EAUTH      | the server refused our credentials                   | retries with backoff   |
 * | ETRANSPORT | not delivered, for now (4xx, connection refused)     | retries with backoff   |
 * | EREJECTED  | refused for good (5xx, recipient rejected)           | marks failed, no retry |
 * | EUNCERTAIN | no final reply after the server accepted DATA (354) | marks uncertain      |
 */
export type TransportErrorCode = 'ECONFIG' | 'EAUTH' | 'ETRANSPORT' | 'EREJECTED' | 'EUNCERTAIN';

export class TransportError extends Error {
  readonly code: TransportErrorCode;
  readonly responseCode: number | undefined;
  readonly response: string | undefined;
  constructor(code: TransportErrorCode, message: string, opts: { responseCode?: number; response?: string; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = 'TransportError';
    this.code = code;
    this.responseCode = opts.responseCode;
    this.response = opts.response;
  }

  /** Worth another try later: nothing was delivered and the cause may pass. */
  get temporary(): boolean {
    return this.code === 'ETRANSPORT' || this.code === 'EAUTH';
  }
}
