import type { LedgerEntry } from '../ledger/ledger-entry.js';

/** One job = one message to one contact for one step. */
export interface SendJobData {
  campaign: string;
  contactId: string;
  step: number;
  /** Set by `send --no-pacing`; honoured only by a worker whose transport stays on this machine. */
  noPacing?: boolean;
}

/** Derived from (campaign, contact, step), so adding the same job twice is a no-op. */
export function sendJobId(d: Pick<SendJobData, 'campaign' | 'contactId' | 'step'>, resend = 0): string {
  return `${d.campaign}.${d.contactId}.${d.step}${resend > 0 ? `.r${resend}` : ''}`;
}

/** The BullMQ job that carries a ledger entry: the one it records, else the first one derived for it. */
export function jobIdOf(campaign: string, e: Pick<LedgerEntry, 'contactId' | 'step' | 'jobId'>): string {
  return e.jobId ?? sendJobId({ campaign, contactId: e.contactId, step: e.step });
}

/** One queue per sender, so each mailbox keeps its own limits (ARCHITECTURE.md, "Processes"). */
export function sendQueueName(senderEmail: string): string {
  return `send-${senderEmail.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
}
