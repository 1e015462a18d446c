import type { ContactStatus } from '../campaign/stored-contact.js';
import type { Keys } from '../store/keys.js';
import { STATS_KEY_COUNT, statsKeys, statsLua } from '../ledger/stats-lua.js';
import type { Redis } from 'ioredis';
import { runScript } from '../store/run-script.js';

// The reply effects' Lua, with the campaign's counters (ledger/stats-lua.ts) updated in the
// same step as the change they count.

/**
 * How far a status has gone: a status only ever rises (a reply never undoes a bounce or an
 * opt-out). RAISE below and `replies mark` (reclassify.ts) rank by this one table.
 */
export const STATUS_RANK: Readonly<Record<ContactStatus, number>> = { active: 0, replied: 1, bounced: 2, opted_out: 3 };

/** The ranking as a Lua table constructor: `{ active = 0, replied = 1, ... }`. */
const RANK_LUA = `{ ${Object.entries(STATUS_RANK).map(([status, rank]) => `${status} = ${rank}`).join(', ')} }`;

/**
 * KEYS: status, stats keys. ARGV: contactId, new status, step the message answered.
 * Raises a contact's status (a reply never undoes a bounce or an opt-out); returns 1 when it changed.
 */
const RAISE = `${statsLua(2)}
local rank = ${RANK_LUA}
local cur = redis.call('HGET', KEYS[1], ARGV[1]) or 'active'
if (rank[cur] or 0) >= rank[ARGV[2]] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
s_status(ARGV[1], cur, ARGV[2])
if ARGV[2] == 'bounced' then s_incr('step:' .. ARGV[3] .. ':bounced', 1) end
return 1`;

export const INBOX_MAX = 10_000;

/**
 * KEYS: seen, meta, inbox, repliedAt, replyDelay, positive, stats keys.
 * ARGV: inbound id, '1' when an auto-reply, record JSON, kind, contactId, step, hint, now, bounce type.
 * Marks the message processed and counts it in one step: a crash before this line means
 * the (idempotent) effects run again next pass; after it, nothing is counted twice.
 */
const RECORD = `${statsLua(7)}
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
if ARGV[2] == '1' then redis.call('HINCRBY', KEYS[2], 'autoReplies', 1) end
redis.call('LPUSH', KEYS[3], ARGV[3])
redis.call('LTRIM', KEYS[3], 0, ${INBOX_MAX - 1})
local kind, cid, step, hint, now, btype = ARGV[4], ARGV[5], ARGV[6], ARGV[7], tonumber(ARGV[8]), ARGV[9]
local ev = { at = now, kind = kind, contactId = cid, step = tonumber(step) }
if kind == 'reply' then
  ev.hint = hint
  if redis.call('ZADD', KEYS[4], 'NX', now, cid) == 1 then
    s_incr('replied', 1); s_incr('step:' .. step .. ':replied', 1); s_group(cid, 'replied', 1)
    local sent = redis.call('ZSCORE', SK_SENT, cid .. ':0')
    if sent then redis.call('ZADD', KEYS[5], math.max(0, now - tonumber(sent)), cid) end
  end
  if hint == 'positive' and redis.call('SADD', KEYS[6], cid) == 1 then s_incr('positive', 1); s_group(cid, 'positive', 1) end
elseif kind == 'bounce' then
  s_incr('bounces:' .. btype, 1)
  ev.kind = btype == 'soft' and 'soft_bounce' or 'bounce'
end
if kind ~= 'other' then s_event(ev) end
return 1`;

export interface RecordArgs {
  inboundId: string;
  kind: string;
  contactId: string;
  step: number;
  hint?: string;
  bounceType?: 'hard' | 'soft';
  now: number;
  record: string;
}

type Evaluator = Redis;

export async function raiseStatusScript(redis: Evaluator, keys: Keys, campaign: string, contactId: string, to: ContactStatus, step: number): Promise<boolean> {
  return (await runScript(redis, RAISE, 1 + STATS_KEY_COUNT, keys.status(campaign), ...statsKeys(keys, campaign), contactId, to, String(step))) === 1;
}

export async function recordInboundScript(redis: Evaluator, keys: Keys, campaign: string, a: RecordArgs): Promise<boolean> {
  return (await runScript(redis,
    RECORD, 6 + STATS_KEY_COUNT,
    keys.seenInbound(campaign), keys.meta(campaign), keys.inbox(campaign), keys.repliedAt(campaign), keys.replyDelay(campaign), keys.positive(campaign),
    ...statsKeys(keys, campaign),
    a.inboundId, a.kind === 'auto_reply' ? '1' : '0', a.record, a.kind, a.contactId, String(a.step), a.hint ?? '', String(a.now), a.bounceType ?? '',
  )) === 1;
}
