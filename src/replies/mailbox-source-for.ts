import type { Redis } from 'ioredis';
import type { MailboxConfig } from './has-mailbox.js';
import { UserError } from '../errors/user-error.js';
import { GmailClient } from '../gmail/gmail-client.js';
import type { Keys } from '../store/keys.js';
import { GmailMailboxSource } from './gmail/gmail-mailbox-source.js';
import { ImapMailboxSource } from './imap/imap-mailbox-source.js';
import type { MailboxSource } from './mailbox-source.js';

/**
 * The mailbox replies are read from, as the config says; null when none is set.
 * IMAP_URL (imap.url) wins when it is set; otherwise, with the Gmail transport, the Gmail
 * mailbox of sender.email (CLI-CONTRACT.md, "Gmail").
 */
export function mailboxSourceFor(config: MailboxConfig, redis: Redis, keys: Keys): MailboxSource | null {
  if (config.imap.url) return new ImapMailboxSource(config.imap.url, { redis, prefix: keys.prefix });
  if (config.transport.kind === 'gmail') return new GmailMailboxSource(new GmailClient(config.gmail), config.sender.email, redis, keys);
  return null;
}

export function requireMailboxSource(config: MailboxConfig, redis: Redis, keys: Keys): MailboxSource {
  const source = mailboxSourceFor(config, redis, keys);
  if (!source)
    throw new UserError('no mailbox to read replies from', {
      where: 'IMAP_URL',
      hint: 'set IMAP_URL=imaps://user:app-password@imap.example.org/INBOX (or imap.url in outreach.config.json), or send through Gmail (OUTREACH_TRANSPORT=gmail)',
    });
  return source;
}
