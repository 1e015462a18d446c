import type { Config } from '../config/schema.js';
import type { StoredContact } from '../campaign/stored-contact.js';
import type { Rendered } from '../render/template.js';
import type { OutgoingMessage } from '../transports/transport.js';

export const HEADER_CAMPAIGN = 'X-Outreach-Campaign';
export const HEADER_CONTACT = 'X-Outreach-Contact';
export const HEADER_STEP = 'X-Outreach-Step';

export interface Threading {
  /** Message-ID of the previous step, for In-Reply-To and References (RFC 5322 §3.6.4). */
  previous: string[];
  /** Subject of the first email: a follow-up is "Re: <subject>". */
  firstSubject: string;
}

/** A line break in a header value would let a field value add headers (RFC 5322 §2.2). */
export function hasLineBreak(value: string): boolean {
  return /[\r\n\u2028\u2029\u0085]/.test(value);
}

export function composeMessage(args: {
  campaign: string;
  contact: StoredContact;
  step: number;
  rendered: Rendered;
  messageId: string;
  sender: Config['sender'];
  attachment?: Config['attachment'];
  resolvePath: (p: string) => string;
  threading?: Threading;
}): OutgoingMessage {
  const { contact, step, rendered, threading } = args;
  const subject = step > 0 && threading ? `Re: ${threading.firstSubject.replace(/^(re:\s*)+/i, '')}` : rendered.subject;
  const msg: OutgoingMessage = {
    from: { name: args.sender.name, address: args.sender.email },
    to: { name: `${contact.row.first_name} ${contact.row.last_name}`, address: contact.email },
    replyTo: args.sender.replyTo,
    subject,
    text: rendered.text,
    messageId: args.messageId,
    headers: { [HEADER_CAMPAIGN]: args.campaign, [HEADER_CONTACT]: contact.id, [HEADER_STEP]: String(step) },
  };
  if (step > 0 && threading && threading.previous.length > 0) {
    msg.inReplyTo = threading.previous[threading.previous.length - 1];
    msg.references = threading.previous;
  }
  // The CV goes with the first email only; follow-ups stay light.
  if (step === 0 && args.attachment)
    msg.attachments = [{ path: args.resolvePath(args.attachment.path), filename: args.attachment.filename }];
  return msg;
}
