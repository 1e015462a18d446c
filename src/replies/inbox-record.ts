import type { Classification } from './classify/index.js';
import type { InboundMatch } from './match/index.js';

/** One line of a campaign's inbox list: what came in, for the dashboard and `report`. */
export interface InboxRecord {
  at: string;
  kind: Classification['kind'];
  contactId: string;
  step: number;
  messageId?: string;
  via: InboundMatch['via'];
  hint?: string;
  returnDate?: string;
  bounce?: Classification['bounce'];
  from?: string;
  subject?: string;
  /** The visible reply (quoted history stripped), cut to keep the list small. */
  text?: string;
  /** Why the classifier decided as it did (its rules, joined), for `replies list`. */
  reason?: string;
  /** Set by `replies mark`: what the classifier had said before the user corrected it. */
  corrected?: { at: string; kind: Classification['kind']; hint?: string };
}

export const MAX_REPLY_TEXT = 2000;
export const MAX_REASON = 500;

export function inboxRecord(c: Classification, m: InboundMatch, inboundId: string, now: number): InboxRecord {
  const r: InboxRecord = { at: new Date(now).toISOString(), kind: c.kind, contactId: m.contactId, step: m.step, messageId: inboundId, via: m.via };
  if (c.reply) r.hint = c.reply.hint;
  if (c.autoReply?.returnDate) r.returnDate = c.autoReply.returnDate;
  if (c.bounce) r.bounce = c.bounce;
  if (c.from) r.from = c.from;
  if (c.subject) r.subject = c.subject;
  if (c.reply) r.text = c.reply.text.slice(0, MAX_REPLY_TEXT);
  if (c.reasons.length > 0) r.reason = c.reasons.join('; ').slice(0, MAX_REASON);
  return r;
}
