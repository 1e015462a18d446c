/**
 * The one contract every transport keeps (nodemailer's style: one folder per transport).
 * The campaign side knows transports only through this interface (listmonk's style).
 */
export interface Address {
  name: string;
  address: string;
}

export interface OutgoingMessage {
  from: Address;
  to: Address;
  replyTo?: string;
  subject: string;
  text: string;
  /** Ours, "<...@sender-domain>", stable for (campaign, contact, step). */
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  /** X-Outreach-Campaign and X-Outreach-Contact, so replies and bounces match back. */
  headers: Record<string, string>;
  attachments?: { filename?: string; path: string }[];
  date?: Date;
}

export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response?: string;
  /** Where the message went: a file for the outbox, a thread id for Gmail. */
  location?: string;
  threadId?: string;
}

export interface Transport {
  readonly kind: 'outbox' | 'smtp' | 'gmail';
  /** False only for sinks on this machine (the outbox, an SMTP server on loopback). */
  readonly leavesMachine: boolean;
  send(message: OutgoingMessage): Promise<SendResult>;
  close(): Promise<void>;
}
