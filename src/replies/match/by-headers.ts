import type { Redis } from 'ioredis';
import type { Classification } from '../classify/index.js';
import type { Keys } from '../../store/keys.js';
import { matchByMessageIds } from './by-thread.js';
import { contactEntries, latestSentStep } from '../../ledger/contact-steps.js';
import { messageIdTokens } from './message-ids.js';
import type { InboundMatch } from './types.js';

/**
 * Our own headers: X-Outreach-Campaign / X-Outreach-Contact on the message, or quoted in a
 * bounce's returned part together with our original Message-ID (RFC 3462 / RFC 6522).
 * The quoted Message-ID names the exact step; without it, the latest step sent.
 */
export async function matchByOurHeaders(redis: Redis, keys: Keys, campaigns: string[], c: Classification): Promise<InboundMatch | null> {
  const original = messageIdTokens(c.originalMessageId);
  const byOriginal = await matchByMessageIds(redis, keys, campaigns, original, 'headers');
  if (byOriginal) return byOriginal;
  const campaign = c.outreachCampaign?.trim();
  const contactId = c.outreachContact?.trim();
  if (!campaign || !contactId || !campaigns.includes(campaign)) return null;
  if (!(await redis.hexists(keys.contacts(campaign), contactId))) return null;
  const step = latestSentStep(await contactEntries(redis, keys, campaign, contactId)) ?? 0;
  return { campaign, contactId, step, via: 'headers' };
}
