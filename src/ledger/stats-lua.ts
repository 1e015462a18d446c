import type { Keys } from '../store/keys.js';

/**
 * Counters kept beside the ledger, so that `status` and the dashboard read a few numbers
 * instead of scanning every contact. They change only inside the Lua step that makes the
 * change they count, so they cannot drift from the ledger; `outreach status --rebuild`
 * recomputes them from the ledger (status/counters-rebuild.ts) for data older than them.
 *
 * Fields of the stats hash:
 *   state:<s>                  ledger entries in state s (queued, sending, sent, ...)
 *   step:<n>:<s>               the same for step n (0 = first email)
 *   status:<st>                contacts whose status is st (replied, bounced, opted_out)
 *   softBounced                ledger entries that came back with a soft bounce
 *   replied, positive          contacts who answered (any human reply, an opt-out too),
 *                              and whose answer read as positive
 *   step:<n>:replied           contacts whose first answer was to step n
 *   step:<n>:bounced           hard bounces of step n
 *   bounces:hard, bounces:soft bounce notices matched to this campaign
 *   g\t<dim>\t<value>\t<what>  by topic, institution and variant: sent (first email sent),
 *                              bounced (contact status bounced), replied, positive
 */

/** The keys every counting script takes after its own, in this order. */
export function statsKeys(keys: Keys, campaign: string): string[] {
  return [keys.stats(campaign), keys.sentAt(campaign), keys.due(campaign), keys.contacts(campaign), keys.variants(campaign), keys.events(campaign)];
}

export const STATS_KEY_COUNT = 6;
export const EVENTS_MAX = 200;

/** Lua defining the counting functions; `base` is the index in KEYS of the first stats key. */
export function statsLua(base: number): string {
  return `
local SK_STATS, SK_SENT, SK_DUE, SK_CONTACTS, SK_VARIANTS, SK_EVENTS =
  KEYS[${base}], KEYS[${base + 1}], KEYS[${base + 2}], KEYS[${base + 3}], KEYS[${base + 4}], KEYS[${base + 5}]
local function s_incr(f, by) if by ~= 0 then redis.call('HINCRBY', SK_STATS, f, by) end end
local function s_dims(cid)
  local out = {}
  local raw = redis.call('HGET', SK_CONTACTS, cid)
  if raw then
    local row = cjson.decode(raw).row or {}
    if type(row.topic) == 'string' and row.topic ~= '' then out[#out + 1] = 'topic\\t' .. row.topic end
    if type(row.institution) == 'string' and row.institution ~= '' then out[#out + 1] = 'institution\\t' .. row.institution end
  end
  local v = redis.call('HGET', SK_VARIANTS, cid)
  if v then out[#out + 1] = 'variant\\t' .. v end
  return out
end
local function s_group(cid, what, by)
  if by == 0 then return end
  for _, d in ipairs(s_dims(cid)) do redis.call('HINCRBY', SK_STATS, 'g\\t' .. d .. '\\t' .. what, by) end
end
local function s_event(ev)
  redis.call('LPUSH', SK_EVENTS, cjson.encode(ev))
  redis.call('LTRIM', SK_EVENTS, 0, ${EVENTS_MAX - 1})
end
-- The entry at field (step n) leaves state os: its state counts, and the due set if it was queued.
local function s_leave(field, n, os)
  s_incr('state:' .. os, -1); s_incr('step:' .. n .. ':' .. os, -1)
  if os == 'queued' then redis.call('ZREM', SK_DUE, field) end
end
-- A ledger entry went from state os (nil: it is new; oldSoft: it had a soft bounce) to e.
local function s_entry(field, os, oldSoft, e)
  local ns = e.state
  if os ~= ns then
    if os then s_leave(field, e.step, os) end
    s_incr('state:' .. ns, 1); s_incr('step:' .. e.step .. ':' .. ns, 1)
    if os == 'sent' then redis.call('ZREM', SK_SENT, field) end
    if ns == 'sent' then redis.call('ZADD', SK_SENT, e.sentAt or e.updatedAt, field) end
    if e.step == 0 and (os == 'sent') ~= (ns == 'sent') then s_group(e.contactId, 'sent', ns == 'sent' and 1 or -1) end
    if ns == 'sent' or ns == 'failed' or ns == 'uncertain' then
      s_event({ at = e.updatedAt, kind = ns, contactId = e.contactId, step = e.step })
    end
  end
  if ns == 'queued' then redis.call('ZADD', SK_DUE, e.dueAt or e.updatedAt, field) end
  if e.softBounce and not oldSoft then s_incr('softBounced', 1) end
end
-- A contact's status went from old to new (both strings; 'active' is not counted).
local function s_status(cid, old, new)
  if old == new then return end
  if old ~= 'active' then s_incr('status:' .. old, -1) end
  if new ~= 'active' then s_incr('status:' .. new, 1) end
  if old == 'bounced' then s_group(cid, 'bounced', -1) end
  if new == 'bounced' then s_group(cid, 'bounced', 1) end
end
`;
}
