import type { GmailClient } from '../../gmail/gmail-client.js';
import { HEADER_CAMPAIGN, HEADER_CONTACT, HEADER_KEYS, HEADER_STEP } from '../../message/headers.js';

export interface SentLookup {
  /** Our Message-ID, `<…>`. */
  messageId: string;
  to: string;
  campaign: string;
  contactId: string;
  step: number;
}

export interface FoundSent {
  providerId: string;
  threadId?: string;
  /** The Message-ID Gmail stored (ours, or the one it gave the message). */
  messageId: string;
}

/** How many of the contact's sent messages the fallback reads, newest first. */
const FALLBACK_LIMIT = 20;

/**
 * Looks a send whose outcome is unknown up in the Sent folder: first by
 * `rfc822msgid:<our Message-ID>`; then, in case Gmail stored the message under a
 * Message-ID of its own, among the messages sent to the contact, by our X-Outreach-*
 * headers (campaign, contact id and step must all match). null: not sent.
 */
export async function findSent(client: GmailClient, s: SentLookup): Promise<FoundSent | null> {
  const bare = s.messageId.replace(/^<|>$/g, '');
  const byId = await client.search(`in:sent rfc822msgid:${bare}`);
  if (byId[0]) return { providerId: byId[0].id, threadId: byId[0].threadId, messageId: s.messageId };
  const toContact = (await client.search(`in:sent to:${s.to}`)).slice(0, FALLBACK_LIMIT);
  for (const m of toContact) {
    const h = await client.headers(m.id, ['Message-ID', HEADER_CAMPAIGN, HEADER_CONTACT, HEADER_STEP]);
    if (h[HEADER_KEYS.campaign] === s.campaign && h[HEADER_KEYS.contact] === s.contactId && h[HEADER_KEYS.step] === String(s.step))
      return { providerId: m.id, threadId: m.threadId, messageId: h['message-id']?.trim() || s.messageId };
  }
  return null;
}
