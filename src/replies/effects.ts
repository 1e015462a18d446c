import { DateTime } from 'luxon';
import { cancelFollowups, STOP_REASON } from './cancel-followups.js';
import type { EffectDeps } from './effect-deps.js';
import type { Classification } from './classify/index.js';
import { inboxRecord } from './inbox-record.js';
import type { InboundMatch } from './match/index.js';
import { Suppression } from '../store/suppression.js';
import { retrySoftBounce } from './soft-bounce.js';
import { raiseStatusScript, recordInboundScript } from './stats-scripts.js';

export type { EffectDeps } from './effect-deps.js';

export type Effect = 'replied' | 'opted_out' | 'auto_reply' | 'bounced' | 'soft_bounce' | 'other' | 'duplicate';

export interface EffectResult {
  effect: Effect;
  /** Follow-ups cancelled by this message. */
  cancelled: number;
  /** Set when an auto-reply's return date holds the next follow-up back. */
  holdUntil?: number;
  /** A soft bounce queued its one resend. */
  resent?: boolean;
}

async function contactEmail(d: EffectDeps, campaign: string, contactId: string): Promise<string | null> {
  const raw = await d.redis.hget(d.keys.contacts(campaign), contactId);
  return raw ? (JSON.parse(raw) as { email: string }).email.toLowerCase() : null;
}

/** Start of the return day in the contact's zone (UTC when the row has none). */
async function holdFor(d: EffectDeps, campaign: string, contactId: string, returnDate: string, now: number): Promise<number | undefined> {
  const raw = await d.redis.hget(d.keys.contacts(campaign), contactId);
  const tz = (raw ? (JSON.parse(raw) as { row: { timezone?: string } }).row.timezone : undefined) ?? 'UTC';
  const day = DateTime.fromISO(returnDate, { zone: tz });
  const at = (day.isValid ? day : DateTime.fromISO(returnDate, { zone: 'UTC' })).startOf('day').toMillis();
  if (!Number.isFinite(at) || at <= now) return undefined;
  const cur = Number((await d.redis.hget(d.keys.holdUntil(campaign), contactId)) ?? 0);
  if (at > cur) await d.redis.hset(d.keys.holdUntil(campaign), contactId, String(at));
  return Math.max(at, cur);
}

/**
 * Applies what one matched inbound message means. Every step is
 * idempotent, and the message is marked seen last, so a re-scan after a UIDVALIDITY change
 * or a crash counts nothing twice.
 */
export async function applyInbound(d: EffectDeps, c: Classification, m: InboundMatch, inboundId: string): Promise<EffectResult> {
  const now = (d.now ?? Date.now)();
  const { campaign, contactId } = m;
  if (await d.redis.sismember(d.keys.seenInbound(campaign), inboundId)) return { effect: 'duplicate', cancelled: 0 };
  const res: EffectResult = { effect: 'other', cancelled: 0 };

  if (c.kind === 'reply' && c.reply?.hint === 'opt_out') {
    res.effect = 'opted_out';
    await raiseStatusScript(d.redis, d.keys, campaign, contactId, 'opted_out', m.step);
    const email = await contactEmail(d, campaign, contactId);
    // Global and permanent: every campaign's claim checks this list (ledger CLAIM).
    if (email) await new Suppression(d.redis, d.keys).add([email]);
    res.cancelled = await cancelFollowups(d.redis, d.keys, d.queue, campaign, contactId, STOP_REASON.opted_out, now);
  } else if (c.kind === 'reply') {
    res.effect = 'replied';
    await raiseStatusScript(d.redis, d.keys, campaign, contactId, 'replied', m.step);
    res.cancelled = await cancelFollowups(d.redis, d.keys, d.queue, campaign, contactId, STOP_REASON.replied, now);
  } else if (c.kind === 'auto_reply') {
    res.effect = 'auto_reply';
    const date = c.autoReply?.returnDate;
    const hold = date ? await holdFor(d, campaign, contactId, date, now) : undefined;
    if (hold !== undefined) res.holdUntil = hold;
  } else if (c.kind === 'bounce' && c.bounce?.type === 'soft') {
    res.effect = 'soft_bounce';
    res.resent = await retrySoftBounce(d, campaign, contactId, m.step, c.bounce, now);
  } else if (c.kind === 'bounce') {
    res.effect = 'bounced';
    await raiseStatusScript(d.redis, d.keys, campaign, contactId, 'bounced', m.step);
    const email = await contactEmail(d, campaign, contactId);
    if (email) await new Suppression(d.redis, d.keys).add([email]);
    res.cancelled = await cancelFollowups(d.redis, d.keys, d.queue, campaign, contactId, STOP_REASON.bounced, now);
  }

  const record = JSON.stringify(inboxRecord(c, m, inboundId, now));
  const fresh = await recordInboundScript(d.redis, d.keys, campaign, {
    inboundId, kind: c.kind, contactId, step: m.step, hint: c.reply?.hint, bounceType: c.bounce?.type, now, record,
  });
  return fresh ? res : { effect: 'duplicate', cancelled: res.cancelled };
}
