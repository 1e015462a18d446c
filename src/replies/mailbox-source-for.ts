import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors/user-error.js';
import type { Keys } from '../store/keys.js';
import { ImapMailboxSource } from './imap/imap-mailbox-source.js';
import type { MailboxSource } from './mailbox-source.js';

/** The mailbox replies are read from, as the config says; null when none is set. */
export function mailboxSourceFor(config: Pick<Config, 'imap'>, redis: Redis, keys: Keys): MailboxSource | null {
  if (config.imap.url) return new ImapMailboxSource(config.imap.url, { redis, prefix: keys.prefix });
  return null;
}

export function requireMailboxSource(config: Pick<Config, 'imap'>, redis: Redis, keys: Keys): MailboxSource {
  const source = mailboxSourceFor(config, redis, keys);
  if (!source)
    throw new UserError('no mailbox to read replies from', {
      where: 'IMAP_URL',
      hint: 'set IMAP_URL=imaps://user:app-password@imap.example.org/INBOX (or imap.url in outreach.config.json)',
    });
  return source;
}
