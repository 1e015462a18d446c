/**
 * Our own header names, in one place (listmonk's habit): the composer writes them, the
 * outbox files by them, and the bounce reader and the matcher look for them, quoted or not.
 */
export const HEADER_CAMPAIGN = 'X-Outreach-Campaign';
/** An opaque contact id (never the address). */
export const HEADER_CONTACT = 'X-Outreach-Contact';
export const HEADER_STEP = 'X-Outreach-Step';

/** The same names as mail parsers key them (lower case). */
export const HEADER_KEYS = {
  campaign: HEADER_CAMPAIGN.toLowerCase(),
  contact: HEADER_CONTACT.toLowerCase(),
  step: HEADER_STEP.toLowerCase(),
} as const;
