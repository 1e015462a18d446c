import MailComposer from 'nodemailer/lib/mail-composer';
import type { SendMailOptions } from 'nodemailer/lib/mailer';
import type { OutgoingMessage } from './outgoing-message.js';

/** nodemailer's message options for one of ours; one place, so preview, outbox and SMTP agree. */
export function mailOptions(m: OutgoingMessage): SendMailOptions {
  return {
    from: m.from,
    to: m.to,
    replyTo: m.replyTo,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    inReplyTo: m.inReplyTo,
    references: m.references,
    headers: m.headers,
    attachments: m.attachments,
    date: m.date,
    // The envelope is set explicitly: only this one recipient, whatever the headers say.
    envelope: { from: m.from.address, to: [m.to.address] },
  };
}

/** The RFC 5322 text of a message, exactly as it would be sent. */
export function buildMime(m: OutgoingMessage): Promise<Buffer> {
  return new MailComposer(mailOptions(m) as never).compile().build();
}
