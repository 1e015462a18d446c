import type { Redis } from 'ioredis';
import type { Classification } from '../classify/index.js';
import type { Keys } from '../../store/keys.js';
import { contactEntries, latestSentStep } from '../../ledger/contact-steps.js';
import type { InboundMatch } from './types.js';

/**
 * Reply prefixes mail clients add, in several languages ("Re:", "AW:", "SV:", "Antw:",
 * "RE[2]:"); forwarding prefixes are not among them: a forward is not an answer.
 */
const REPLY_PREFIX = /^\s*((re|aw|sv|vs|antw|odp|res|rif|r)\s*(\[\d+\])?\s*:\s*)+/i;

export function normalizeSubject(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * For clients that drop In-Reply-To and our headers: the sender is one of our contacts and
 * the subject is "Re: <the subject of our first email>" (follow-ups reuse it). A bounce is
 * matched by its failed recipient instead of its sender (the mailer daemon). When several
 * campaigns qualify, the one that wrote to the address last wins.
 */
export async function matchBySender(redis: Redis, keys: Keys, campaigns: string[], c: Classification): Promise<InboundMatch | null> {
  const isBounce = c.kind === 'bounce';
  const address = (isBounce ? c.bounce?.recipient : c.from)?.trim().toLowerCase();
  if (!address) return null;
  const wanted = isBounce ? null : normalizeSubject(c.subject ?? '');
  if (wanted === '') return null;
  let best: { match: InboundMatch; sentAt: number } | null = null;
  for (const campaign of campaigns) {
    const contactId = await redis.hget(keys.emails(campaign), address);
    if (!contactId) continue;
    const entries = await contactEntries(redis, keys, campaign, contactId);
    const step = latestSentStep(entries);
    if (step === null) continue;
    const first = entries.find((e) => e.step === 0);
    if (wanted !== null && normalizeSubject(first?.subject ?? '') !== wanted) continue;
    const sentAt = entries.find((e) => e.step === step)?.sentAt ?? 0;
    if (!best || sentAt > best.sentAt) best = { match: { campaign, contactId, step, via: 'sender' }, sentAt };
  }
  return best?.match ?? null;
}
