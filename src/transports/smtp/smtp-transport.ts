import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { mailOptions } from '../../message/mime.js';
import { TransportError } from '../transport-error.js';
import type { OutgoingMessage, SendResult, Transport } from '../transport.js';
import { fromNodemailer } from './smtp-error.js';
import { isLoopbackUrl, parseSmtpUrl, type SmtpPool } from './smtp-url.js';

/** The message streams nodemailer made for one send (the pool may retry on another connection). */
interface Conversation {
  streams: { readableDidRead: boolean }[];
}

/** The server answered DATA with 354: nodemailer only starts reading the body after that. */
function dataAccepted(c: Conversation): boolean {
  return c.streams.some((s) => s.readableDidRead);
}

/**
 * SMTP through a pooled nodemailer transport (smtp:// or smtps:// URL). The worker runs it
 * in a thread of its own (threaded-smtp-transport.ts); this class is what that thread runs.
 */
export class SmtpTransport implements Transport {
  readonly kind = 'smtp' as const;
  readonly leavesMachine: boolean;
  private readonly transporter: Transporter;

  constructor(url: string, pool: SmtpPool) {
    const parsed = parseSmtpUrl(url);
    this.leavesMachine = !isLoopbackUrl(url);
    this.transporter = nodemailer.createTransport({
      pool: true,
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port: Number(parsed.port) || (parsed.protocol === 'smtps:' ? 465 : 587),
      secure: parsed.protocol === 'smtps:',
      auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
      maxConnections: pool.maxConnections,
      maxMessages: pool.maxMessages,
      // A loopback catcher (Mailpit, the tests' smtp-server) has no certificate to check.
      tls: this.leavesMachine ? undefined : { rejectUnauthorized: false },
      ignoreTLS: !this.leavesMachine && parsed.protocol === 'smtp:',
    } as never);
    // nodemailer reads a message's stream only once the server has answered DATA with 354
    // (SMTPConnection.send pipes it in the DATA callback; its pool relies on the same fact).
    // Wrapping createReadStream tells us, for each send, whether that point was passed.
    this.transporter.use('stream', (mail, done) => {
      const conv = (mail.data as { outreachConversation?: Conversation }).outreachConversation;
      const message = mail.message as unknown as { createReadStream: (...a: unknown[]) => NodeJS.ReadableStream };
      const create = message.createReadStream.bind(message);
      if (conv)
        message.createReadStream = (...a: unknown[]) => {
          const stream = create(...a);
          conv.streams.push(stream as unknown as { readableDidRead: boolean });
          return stream;
        };
      done();
    });
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    const conversation: Conversation = { streams: [] };
    let info: { accepted?: unknown[]; rejected?: unknown[]; response?: string; rejectedErrors?: { responseCode?: number; response?: string }[] };
    try {
      info = (await this.transporter.sendMail({ ...mailOptions(m), date: m.date ?? new Date(), outreachConversation: conversation } as never)) as typeof info;
    } catch (err) {
      throw fromNodemailer(err, dataAccepted(conversation));
    }
    const accepted = (info.accepted ?? []).map(String);
    const rejected = (info.rejected ?? []).map(String);
    // A partly rejected send: our one recipient must be among the accepted ones.
    if (!accepted.some((a) => a.toLowerCase() === m.to.address.toLowerCase())) {
      const first = info.rejectedErrors?.[0];
      throw new TransportError('EREJECTED', `recipient refused: ${first?.response ?? 'not accepted'}`, {
        responseCode: first?.responseCode,
        response: first?.response,
      });
    }
    return { messageId: m.messageId, accepted, rejected, response: info.response };
  }

  /** Connects and logs in with the URL's credentials; no message is sent. */
  async verify(): Promise<void> {
    try {
      await this.transporter.verify();
    } catch (err) {
      throw fromNodemailer(err, false);
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
