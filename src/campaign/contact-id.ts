import { createHash } from 'node:crypto';

/**
 * The opaque id of a contact in a campaign: stable across re-imports, and not the email,
 * because it travels in the X-Outreach-Contact header of every message.
 */
export function contactId(campaign: string, email: string): string {
  return createHash('sha256').update(`${campaign}\0${email.trim().toLowerCase()}`).digest('hex').slice(0, 16);
}
