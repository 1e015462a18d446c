// Lua run atomically inside Redis: every state change of the ledger is one script, so two
// workers, a crash or a reply arriving at the same moment can never interleave half-way.
// Every key a script touches is passed in KEYS and lies in one sender's hash slot (see
// store/keys.ts), so the scripts also run on Redis Cluster.
// Each script also updates the campaign's counters (stats-lua.ts) in the same step: their
// keys come last in KEYS, and the s_* calls are the only lines about them.
import { statsLua } from './stats-lua.js';

/**
 * Lua: is the worker `owner` alive? Its presence is a score (expiry, Redis time in ms) in the
 * workers zset, KEYS[workersIndex]; Redis' own clock decides, so worker clocks may differ.
 */
const ALIVE = (workersIndex: number) => `
local function alive(owner)
  local exp = redis.call('ZSCORE', KEYS[${workersIndex}], owner)
  if not exp then return false end
  local t = redis.call('TIME')
  return tonumber(exp) > tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end`;

/** KEYS: ledger, stats keys. ARGV: field, entry JSON, field, entry JSON... Adds each entry unless one exists; 1/0 per entry. */
export const ENQUEUE = `${statsLua(2)}
local added = {}
for i = 1, #ARGV, 2 do
  local n = redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1])
  added[#added + 1] = n
  if n == 1 then s_entry(ARGV[i], nil, nil, cjson.decode(ARGV[i + 1])) end
end
return added`;

/**
 * KEYS: ledger, sending, status, suppressed copy (this slot's), hold, msgids, workers, paused, stats keys.
 * ARGV: field, contactId, lowercase email, token, now, salted hash of the email (forgotten people).
 * Returns {outcome, detail}: ok | busy | uncertain | paused | hold | cancelled | missing | <terminal state>.
 */
export const CLAIM = `${ALIVE(7)}${statsLua(9)}
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return {'missing', ''} end
local e = cjson.decode(raw)
local now = tonumber(ARGV[5])
if e.state == 'sending' then
  if alive(e.owner) then return {'busy', e.owner} end
  e.state = 'uncertain'; e.updatedAt = now; e.error = 'worker stopped during the send'
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
  redis.call('SREM', KEYS[2], ARGV[1])
  s_entry(ARGV[1], 'sending', e.softBounce, e)
  return {'uncertain', ''}
end
if e.state ~= 'queued' then return {e.state, ''} end
-- A paused campaign holds its queued sends (outreach pause), read in this same atomic step.
if redis.call('EXISTS', KEYS[8]) == 1 then return {'paused', ''} end
local st = redis.call('HGET', KEYS[3], ARGV[2])
local why = nil
if st and st ~= 'active' then why = 'contact ' .. st
elseif redis.call('SISMEMBER', KEYS[4], ARGV[3]) == 1 or redis.call('SISMEMBER', KEYS[4], ARGV[6]) == 1 then why = 'suppressed' end
if why then
  e.state = 'cancelled'; e.updatedAt = now; e.error = why
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
  s_entry(ARGV[1], 'queued', e.softBounce, e)
  return {'cancelled', why}
end
if e.step > 0 then
  local hold = tonumber(redis.call('HGET', KEYS[5], ARGV[2]) or '0')
  if hold > now then return {'hold', tostring(hold)} end
end
e.state = 'sending'; e.owner = ARGV[4]; e.claimedAt = now; e.updatedAt = now
e.attempts = (e.attempts or 0) + 1
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[6], e.messageId, ARGV[1])
s_entry(ARGV[1], 'queued', e.softBounce, e)
return {'ok', ''}`;

/**
 * KEYS: ledger, sending, stats keys. ARGV: field, token, new state, now, patch JSON, and
 * optionally the next step's field and entry JSON.
 * Only the holder may finish; it may also finish an entry a sweep marked "uncertain"
 * while it was still working (it knows the outcome). A null in the patch removes that field
 * (a success clears the error of an earlier attempt). The next step's entry, when given, is
 * added in the same step unless one exists (as ENQUEUE does): a crash can no longer fall
 * between a sent step and its follow-up's entry.
 * Returns 0 when not applied, 1 when applied, 2 when applied and the next entry was added.
 */
export const FINISH = `${statsLua(3)}
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local e = cjson.decode(raw)
if e.owner ~= ARGV[2] or (e.state ~= 'sending' and e.state ~= 'uncertain') then return 0 end
local os, oldSoft = e.state, e.softBounce
local patch = cjson.decode(ARGV[5])
for k, v in pairs(patch) do if v == cjson.null then e[k] = nil else e[k] = v end end
e.state = ARGV[3]; e.updatedAt = tonumber(ARGV[4])
if e.state ~= 'sending' then e.owner = nil end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
redis.call('SREM', KEYS[2], ARGV[1])
s_entry(ARGV[1], os, oldSoft, e)
if ARGV[6] then
  local n = redis.call('HSETNX', KEYS[1], ARGV[6], ARGV[7])
  if n == 1 then s_entry(ARGV[6], nil, nil, cjson.decode(ARGV[7])) end
  return 1 + n
end
return 1`;

/** KEYS: ledger, sending, workers, stats keys. ARGV: now. "sending" entries whose worker is gone → uncertain. */
export const SWEEP = `${ALIVE(3)}${statsLua(4)}
local n = 0
for _, f in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local raw = redis.call('HGET', KEYS[1], f)
  if raw then
    local e = cjson.decode(raw)
    if e.state == 'sending' and not alive(e.owner) then
      e.state = 'uncertain'; e.updatedAt = tonumber(ARGV[1]); e.error = 'worker stopped during the send'
      redis.call('HSET', KEYS[1], f, cjson.encode(e))
      redis.call('SREM', KEYS[2], f)
      s_entry(f, 'sending', e.softBounce, e)
      n = n + 1
    elseif e.state ~= 'sending' then
      redis.call('SREM', KEYS[2], f)
    end
  end
end
return n`;

/** KEYS: ledger, stats keys. ARGV: field, from state, to state, now, patch JSON. Compare-and-set on the state. */
export const TRANSITION = `${statsLua(2)}
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local e = cjson.decode(raw)
if e.state ~= ARGV[2] then return 0 end
local oldSoft = e.softBounce
local patch = cjson.decode(ARGV[5])
for k, v in pairs(patch) do e[k] = v end
e.state = ARGV[3]; e.updatedAt = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
s_entry(ARGV[1], ARGV[2], oldSoft, e)
return 1`;

/** KEYS: workers. ARGV: token, ttl ms. Announces a live worker until Redis time + ttl; drops expired ones. */
export const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
return now`;

/** KEYS: ledger, stats keys. ARGV: field, state. Deletes the entry if it is still in that state; 1 when deleted. */
export const DROP = `${statsLua(2)}
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local e = cjson.decode(raw)
if e.state ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
s_leave(ARGV[1], e.step, e.state)
return 1`;
