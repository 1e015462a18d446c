/**
 * The one message model: what the renderer composes and every transport sends.
 * Transports know nothing else of a campaign (ARCHITECTURE.md, "message").
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
  /** HEADER_CAMPAIGN, HEADER_CONTACT and HEADER_STEP (./headers.ts), so replies and bounces match back. */
  headers: Record<string, string>;
  attachments?: { filename?: string; path: string }[];
  date?: Date;
  /** A provider's conversation id (Gmail's threadId) of the step this one follows. */
  threadId?: string;
}
