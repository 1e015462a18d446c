// The SMTP URL and pool settings, without nodemailer: the main thread reads them here, so
// an idle worker never loads nodemailer (ARCHITECTURE.md, "Processes": SMTP runs in a
// thread of its own, smtp-thread.ts, which alone imports smtp-transport.ts).
import { TransportError } from '../transport-error.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.has(new URL(url).hostname) || new URL(url).hostname.startsWith('127.');
  } catch {
    return false;
  }
}

/** The SMTP URL, checked; throws ECONFIG with what is wrong. */
export function parseSmtpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TransportError('ECONFIG', 'SMTP_URL is not a URL (expected smtp://user:pass@host:port)');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new TransportError('ECONFIG', `SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  return parsed;
}

export interface SmtpPool {
  maxConnections: number;
  maxMessages: number;
}
