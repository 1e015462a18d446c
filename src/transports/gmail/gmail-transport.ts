import { GmailClient, type GmailSettings } from '../../gmail/gmail-client.js';
import { buildMime } from '../../message/mime.js';
import { isLoopbackUrl } from '../smtp/smtp-url.js';
import type { OutgoingMessage, SendResult, Transport } from '../transport.js';
import { TransportError } from '../transport-error.js';
import { fromGmail } from './gmail-error.js';

/**
 * Sends through the Gmail API (`users.messages.send`), with the same RFC 5322 text the SMTP
 * path and the outbox write (message/mime.ts). A follow-up carries the first email's
 * threadId and its In-Reply-To/References, which is what Gmail needs to put it into the
 * same conversation. After sending, the Message-ID Gmail stored is read back: replies
 * quote that one.
 */
export class GmailTransport implements Transport {
  readonly kind = 'gmail' as const;
  readonly leavesMachine: boolean;
  readonly client: GmailClient;

  constructor(settings: GmailSettings, private readonly log: (line: string) => void = () => {}) {
    this.leavesMachine = !isLoopbackUrl(settings.apiUrl);
    this.client = new GmailClient(settings);
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    const raw = await buildMime({ ...m, date: m.date ?? new Date() });
    let sent;
    try {
      sent = await this.client.send(raw, m.threadId);
    } catch (err) {
      throw fromGmail(err);
    }
    if (!sent.id) throw new TransportError('EUNCERTAIN', 'users.messages.send answered without a message id');
    // It is sent: a failure to read the header back must not turn it into a failure.
    let stored: string | undefined;
    try {
      stored = (await this.client.header(sent.id, 'Message-ID'))?.trim();
    } catch (err) {
      this.log(`gmail: sent ${sent.id}, but reading its Message-ID back failed (${(err as Error).message}); keeping ours`);
    }
    return {
      messageId: stored && /^<[^<>\s]+>$/.test(stored) ? stored : m.messageId,
      accepted: [m.to.address],
      rejected: [],
      location: `gmail:${sent.id}`,
      providerId: sent.id,
      threadId: sent.threadId ?? undefined,
    };
  }

  /** The saved sign-in still refreshes and carries both scopes; nothing is sent (`outreach doctor`). */
  async verify(): Promise<void> {
    try {
      await this.client.refresh();
    } catch (err) {
      throw fromGmail(err);
    }
  }

  async close(): Promise<void> {}
}
