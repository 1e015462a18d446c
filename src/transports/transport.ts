import type { OutgoingMessage } from '../message/outgoing-message.js';

export type { Address, OutgoingMessage } from '../message/outgoing-message.js';

/**
 * The one contract every transport keeps (nodemailer's style: one folder per transport).
 * The campaign side knows transports only through this interface (listmonk's style).
 */
export interface SendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response?: string;
  /** Where the message went: a file for the outbox, a thread id for Gmail. */
  location?: string;
  /** The provider's own id of the sent message (Gmail's message id). */
  providerId?: string;
  /** The provider's conversation id (Gmail's threadId); follow-ups go into it. */
  threadId?: string;
}

export interface Transport {
  readonly kind: 'outbox' | 'smtp' | 'gmail';
  /** False only for sinks on this machine (the outbox, an SMTP server on loopback). */
  readonly leavesMachine: boolean;
  send(message: OutgoingMessage): Promise<SendResult>;
  /**
   * A transport with a connection pool: waits for a place in it (at most two sends per
   * connection: the one on the wire and the next) and keeps it for the caller until the
   * returned function is called. The worker claims a send only then.
   */
  acquire?(): Promise<() => void>;
  /** Checks that a send could go (connects and logs in, sends nothing); `outreach doctor` calls it. */
  verify?(): Promise<void>;
  close(): Promise<void>;
}
