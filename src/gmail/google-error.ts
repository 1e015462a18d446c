/**
 * What a failed Google call tells us, read from gaxios' error without keeping the error
 * itself: its request config holds the bearer token and, for the token endpoint, the
 * refresh token, so nothing here copies the config or the raw error into a message.
 * Google's JSON error format: `{"error": {"code", "message", "errors": [{"reason", ...}], "status"}}`;
 * the OAuth endpoint answers `{"error": "invalid_grant", "error_description"}` instead.
 */
export interface GoogleFailure {
  /** The HTTP status, when an answer came. */
  status?: number;
  /** The first `errors[].reason` (rateLimitExceeded, authError…) or the OAuth `error`. */
  reason?: string;
  message: string;
  /** How long Google asked us to wait (Retry-After, or "Retry after <date>" in the message). */
  retryAfterMs?: number;
  /** No answer: "connect" when the request never reached the server, "lost" when it may have. */
  network?: 'connect' | 'lost';
  /** The failing request went to the OAuth token endpoint (a refresh), not to Gmail. */
  tokenEndpoint: boolean;
}

interface GaxiosLike {
  message?: string;
  code?: string;
  cause?: unknown;
  status?: number;
  config?: { url?: string | URL };
  response?: { status?: number; data?: unknown; headers?: Headers | Record<string, string> };
}

// Failures before a byte of the request went out: safe to try again.
const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL']);

function codes(err: unknown): string[] {
  const out: string[] = [];
  for (let e = err as GaxiosLike | undefined, i = 0; e && i < 6; e = e.cause as GaxiosLike | undefined, i++) if (typeof e.code === 'string') out.push(e.code);
  return out;
}

function header(h: Headers | Record<string, string> | undefined, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as Headers).get === 'function') return (h as Headers).get(name) ?? undefined;
  return (h as Record<string, string>)[name];
}

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3); Gmail also writes "Retry after <ISO date>" in the message. */
export function retryAfterMs(value: string | undefined, message: string, now = Date.now()): number | undefined {
  if (value) {
    if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return Math.max(0, t - now);
  }
  const m = /retry after (\d{4}-\d\d-\d\dT[\d:.]+Z)/i.exec(message);
  if (m) return Math.max(0, Date.parse(m[1]!) - now);
  return undefined;
}

export function googleFailure(err: unknown, tokenUrl: string): GoogleFailure {
  const e = (err ?? {}) as GaxiosLike;
  const url = e.config?.url ? String(e.config.url) : '';
  const tokenEndpoint = url !== '' && url.split('?')[0] === tokenUrl.split('?')[0];
  const res = e.response;
  if (!res || typeof res.status !== 'number') {
    const c = codes(err);
    const network = c.some((x) => CONNECT_CODES.has(x)) ? 'connect' : 'lost';
    return { message: `no answer (${c[c.length - 1] ?? 'connection failed'})`, network, tokenEndpoint };
  }
  const data = res.data as { error?: unknown; error_description?: string } | undefined;
  let reason: string | undefined;
  let message = `HTTP ${res.status}`;
  if (data && typeof data.error === 'string') {
    reason = data.error;
    message = data.error_description ? `${data.error}: ${data.error_description}` : data.error;
  } else if (data && typeof data.error === 'object' && data.error) {
    const g = data.error as { message?: string; errors?: { reason?: string }[]; status?: string };
    reason = g.errors?.[0]?.reason ?? g.status;
    message = g.message ?? message;
  }
  return { status: res.status, reason, message, retryAfterMs: retryAfterMs(header(res.headers, 'retry-after'), message), tokenEndpoint };
}
