/**
 * One message to one contact for one step of a campaign.
 *
 *   queued ──claim──► sending ──► sent
 *     ▲                 │ ├────► failed      (refused for good)
 *     └── retry ────────┘ └────► uncertain   (the worker died, or the connection broke
 *   cancelled (reply, bounce, opt-out,          after handing the message over)
 *     `outreach cancel`)
 *   failed ──`outreach retry`──► queued; cancelled by the user ──`retry --contact`──► queued
 *
 * "uncertain" is never retried on its own: `outreach resolve` decides (ARCHITECTURE.md, invariant 1).
 */
export type LedgerState = 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain' | 'cancelled';

export interface LedgerEntry {
  state: LedgerState;
  contactId: string;
  step: number;
  messageId: string;
  /** When it may go at the earliest (follow-up delay, pacing), ms since epoch. */
  dueAt?: number;
  queuedAt: number;
  updatedAt: number;
  attempts: number;
  /** The worker token that holds it while "sending". */
  owner?: string;
  claimedAt?: number;
  sentAt?: number;
  subject?: string;
  error?: string;
  responseCode?: number;
  noPacing?: boolean;
  /** Cancelled by `outreach cancel` (not by a reply, bounce or opt-out): `retry --contact` may undo it. */
  byUser?: boolean;
  /** The BullMQ job that carries it (a resend gets a new one). */
  jobId?: string;
  /** The provider's id of the sent message (Gmail's message id). */
  providerId?: string;
  /** The provider's conversation id (Gmail's threadId); follow-ups go into it. */
  threadId?: string;
  /** Our Message-ID, when the provider stored another one (then `messageId` is the provider's). */
  ourMessageId?: string;
}

export function ledgerField(contactId: string, step: number): string {
  return `${contactId}:${step}`;
}

/** The inverse of ledgerField: `${contactId}:${step}` as stored in the messageIds hash. */
export function parseLedgerField(value: string): { contactId: string; step: number } | null {
  const i = value.lastIndexOf(':');
  const step = Number(value.slice(i + 1));
  if (i <= 0 || !Number.isInteger(step) || step < 0) return null;
  return { contactId: value.slice(0, i), step };
}
