import type { Config } from '../config/schema.js';
import { UserError } from '../errors/user-error.js';
import { GmailTransport } from './gmail/gmail-transport.js';
import { OutboxTransport } from './outbox/outbox-transport.js';
import { ThreadedSmtpTransport } from './smtp/threaded-smtp-transport.js';
import { TransportError } from './transport-error.js';
import type { Transport } from './transport.js';

export type TransportConfig = Pick<Config, 'transport' | 'gmail'>;

/**
 * Which transport, in the order of CLI-CONTRACT.md ("Choosing the transport"):
 * OUTREACH_TRANSPORT (put into transport.kind by config/load.ts), else transport.kind, else
 * SMTP when an SMTP URL is set, else the outbox folder.
 */
export function transportKind(t: Config['transport']): Transport['kind'] {
  return t.kind ?? (t.smtpUrl ? 'smtp' : 'outbox');
}

/** Builds it; nothing connects or reads a token until the first send. */
export function createTransport(c: TransportConfig, resolvePath: (p: string) => string, log?: (line: string) => void): Transport {
  const t = c.transport;
  const kind = transportKind(t);
  if (kind === 'outbox') return new OutboxTransport(resolvePath(t.outboxDir));
  if (kind === 'gmail') return new GmailTransport(c.gmail, log);
  if (!t.smtpUrl) throw new UserError('transport is smtp, but no SMTP URL is set', { where: 'SMTP_URL', hint: 'set SMTP_URL (or transport.smtpUrl), or choose OUTREACH_TRANSPORT=outbox' });
  try {
    return new ThreadedSmtpTransport(t.smtpUrl, t.pool);
  } catch (err) {
    if (err instanceof TransportError) throw new UserError(err.message, { where: 'SMTP_URL', hint: 'e.g. SMTP_URL=smtp://127.0.0.1:1025 for Mailpit from docker-compose.yml' });
    throw err;
  }
}
