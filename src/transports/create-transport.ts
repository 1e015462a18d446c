import type { Config } from '../config/schema.js';
import { UserError } from '../errors/user-error.js';
import { OutboxTransport } from './outbox/outbox-transport.js';
import { SmtpTransport } from './smtp/smtp-transport.js';
import { TransportError } from './transport-error.js';
import type { Transport } from './transport.js';

/** SMTP when SMTP_URL (or transport.smtpUrl) is set; otherwise the outbox folder. */
export function createTransport(t: Config['transport'], resolvePath: (p: string) => string): Transport {
  if (!t.smtpUrl) return new OutboxTransport(resolvePath(t.outboxDir));
  try {
    return new SmtpTransport(t.smtpUrl, t.pool);
  } catch (err) {
    if (err instanceof TransportError) throw new UserError(err.message, { where: 'SMTP_URL', hint: 'e.g. SMTP_URL=smtp://127.0.0.1:1025 for Mailpit from docker-compose.yml' });
    throw err;
  }
}
