import type { Config } from '../config/schema.js';
import { HEADER_CAMPAIGN, HEADER_CONTACT, HEADER_STEP } from './headers.js';
import type { Address, OutgoingMessage } from './outgoing-message.js';

export interface Threading {
  /** Message-ID of the previous steps, for In-Reply-To and References (RFC 5322 §3.6.4). */
  previous: string[];
  /** Subject of the first email: a follow-up is "Re: <subject>". */
  firstSubject: string;
  /** The provider's thread id of the first email, when the transport gave one (Gmail). */
  threadId?: string;
}

/** A line break in a header value would let a field value add headers (RFC 5322 §2.2). */
export function hasLineBreak(value: string): boolean {
  return /[\r\n\u2028\u2029\u0085]/.test(value);
}

/** Thrown by composeMessage for a value that cannot go into a header. */
export class HeaderValueError extends Error {
  constructor(readonly field: string) {
    super(`${field}: line break in a header value`);
    this.name = 'HeaderValueError';
  }
}

export interface ComposeInput {
  campaign: string;
  contactId: string;
  to: Address;
  step: number;
  /** The rendered subject and plain-text body. */
  subject: string;
  text: string;
  messageId: string;
  sender: Config['sender'];
  attachment?: Config['attachment'];
  resolvePath: (p: string) => string;
  threading?: Threading;
}

/**
 * Builds the message for one step. Rejects a line break in any header value itself, so no
 * caller can forget to (the CSV, the profile and the config all feed headers).
 */
export function composeMessage(args: ComposeInput): OutgoingMessage {
  const { step, threading } = args;
  const subject = step > 0 && threading ? `Re: ${threading.firstSubject.replace(/^(re:\s*)+/i, '')}` : args.subject;
  const headerValues: [string, string | undefined][] = [
    ['subject', subject], ['to.name', args.to.name], ['to.address', args.to.address],
    ['sender.name', args.sender.name], ['sender.email', args.sender.email], ['sender.replyTo', args.sender.replyTo],
  ];
  for (const [field, v] of headerValues) if (v !== undefined && hasLineBreak(v)) throw new HeaderValueError(field);
  const msg: OutgoingMessage = {
    from: { name: args.sender.name, address: args.sender.email },
    to: args.to,
    replyTo: args.sender.replyTo,
    subject,
    text: args.text,
    messageId: args.messageId,
    headers: { [HEADER_CAMPAIGN]: args.campaign, [HEADER_CONTACT]: args.contactId, [HEADER_STEP]: String(step) },
  };
  if (step > 0 && threading && threading.previous.length > 0) {
    msg.inReplyTo = threading.previous[threading.previous.length - 1];
    msg.references = threading.previous;
    if (threading.threadId) msg.threadId = threading.threadId;
  }
  // The CV goes with the first email only; follow-ups stay light.
  if (step === 0 && args.attachment)
    msg.attachments = [{ path: args.resolvePath(args.attachment.path), filename: args.attachment.filename }];
  return msg;
}
