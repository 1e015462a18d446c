import type { Config } from '../config/schema.js';

export type MailboxConfig = Pick<Config, 'imap' | 'transport' | 'gmail' | 'sender'>;

/**
 * Whether any mailbox is configured (without building a source, or loading a mail library:
 * a worker with no mailbox never loads the reply poller).
 */
export function hasMailbox(config: MailboxConfig): boolean {
  return Boolean(config.imap.url) || config.transport.kind === 'gmail';
}
