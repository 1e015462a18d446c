// Lua run atomically inside Redis: every state change of the ledger is one script, so two
// workers, a crash or a reply arriving at the same moment can never interleave half-way.

/** KEYS: ledger. ARGV: field, entry JSON, field, entry JSON... Adds each entry unless one exists; 1/0 per entry. */
export const ENQUEUE = `
local added = {}
for i = 1, #ARGV, 2 do added[#added + 1] = redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) end
return added`;

/**
 * KEYS: ledger, sending, status, suppressed, hold, msgids, paused.
 * ARGV: field, contactId, lowercase email, token, now, alivePrefix.
 * Returns {outcome, detail}: ok | busy | uncertain | paused | hold | cancelled | missing | <terminal state>.
 */
export const CLAIM = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return {'missing', ''} end
local e = cjson.decode(raw)
local now = tonumber(ARGV[5])
if e.state == 'sending' then
  if redis.call('EXISTS', ARGV[6] .. e.owner) == 1 then return {'busy', e.owner} end
  e.state = 'uncertain'; e.updatedAt = now; e.error = 'worker stopped during the send'
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
  redis.call('SREM', KEYS[2], ARGV[1])
  return {'uncertain', ''}
end
if e.state ~= 'queued' then return {e.state, ''} end
-- A paused campaign holds its queued sends (outreach pause), read in this same atomic step.
if redis.call('EXISTS', KEYS[7]) == 1 then return {'paused', ''} end
local st = redis.call('HGET', KEYS[3], ARGV[2])
local why = nil
if st and st ~= 'active' then why = 'contact ' .. st
elseif redis.call('SISMEMBER', KEYS[4], ARGV[3]) == 1 then why = 'suppressed' end
if why then
  e.state = 'cancelled'; e.updatedAt = now; e.error = why
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
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
return {'ok', ''}`;

/**
 * KEYS: ledger, sending. ARGV: field, token, new state, now, patch JSON.
 * Only the holder may finish; it may also finish an entry a sweep marked "uncertain"
 * while it was still working (it knows the outcome). Returns 1 when applied.
 */
export const FINISH = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local e = cjson.decode(raw)
if e.owner ~= ARGV[2] or (e.state ~= 'sending' and e.state ~= 'uncertain') then return 0 end
local patch = cjson.decode(ARGV[5])
for k, v in pairs(patch) do e[k] = v end
e.state = ARGV[3]; e.updatedAt = tonumber(ARGV[4])
if e.state ~= 'sending' then e.owner = nil end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
redis.call('SREM', KEYS[2], ARGV[1])
return 1`;

/** KEYS: ledger, sending. ARGV: now, alivePrefix. "sending" entries whose worker is gone → uncertain. */
export const SWEEP = `
local n = 0
for _, f in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local raw = redis.call('HGET', KEYS[1], f)
  if raw then
    local e = cjson.decode(raw)
    if e.state == 'sending' and redis.call('EXISTS', ARGV[2] .. e.owner) == 0 then
      e.state = 'uncertain'; e.updatedAt = tonumber(ARGV[1]); e.error = 'worker stopped during the send'
      redis.call('HSET', KEYS[1], f, cjson.encode(e))
      redis.call('SREM', KEYS[2], f)
      n = n + 1
    elseif e.state ~= 'sending' then
      redis.call('SREM', KEYS[2], f)
    end
  end
end
return n`;

/** KEYS: ledger. ARGV: field, from state, to state, now, patch JSON. Compare-and-set on the state. */
export const TRANSITION = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local e = cjson.decode(raw)
if e.state ~= ARGV[2] then return 0 end
local patch = cjson.decode(ARGV[5])
for k, v in pairs(patch) do e[k] = v end
e.state = ARGV[3]; e.updatedAt = tonumber(ARGV[4])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(e))
return 1`;

/** KEYS: ledger. ARGV: field, state. Deletes the entry if it is still in that state; 1 when deleted. */
export const DROP = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw or cjson.decode(raw).state ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1`;
