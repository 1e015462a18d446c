import type { Redis } from 'ioredis';
import type { PacingConfig } from '../config/schema.js';
import type { Keys } from '../store/keys.js';
import { runScript } from '../store/run-script.js';

const DAY = 86_400_000;

// One atomic reservation per send, shared by every worker process of this sender
// (ARCHITECTURE.md, invariant 4). KEYS: pace hash, send log zset. ARGV: now, cap, gap ms, batch size,
// batch pause ms, member. Returns {1, now} when the send may go, or {0, earliest retry}.
const RESERVE = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ${DAY})
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2]) + ${DAY}}
end
local nextAt = tonumber(redis.call('HGET', KEYS[1], 'nextAt') or '0')
if now < nextAt then return {0, nextAt} end
local lastAt = tonumber(redis.call('HGET', KEYS[1], 'lastAt') or '0')
local inBatch = tonumber(redis.call('HGET', KEYS[1], 'inBatch') or '0')
local pause = tonumber(ARGV[5])
if now - lastAt >= pause then inBatch = 0 end
inBatch = inBatch + 1
local gap = tonumber(ARGV[3])
if inBatch >= tonumber(ARGV[4]) then
  if pause > gap then gap = pause end
  inBatch = 0
end
redis.call('HSET', KEYS[1], 'nextAt', now + gap, 'lastAt', now, 'inBatch', inBatch)
redis.call('ZADD', KEYS[2], now, ARGV[6])
redis.call('PEXPIRE', KEYS[2], ${DAY * 2})
return {1, now}`;

export type PaceRules = Pick<PacingConfig, 'dailyCap' | 'batchSize' | 'batchPauseMinutes' | 'gapSeconds'>;

/** Daily cap (sliding 24 h), batch size and jittered gaps for one sender, across processes. */
export class Pacer {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly sender: string,
    private readonly rules: PaceRules,
    private readonly random: () => number = Math.random,
  ) {}

  /** The gap after this send: uniform in [min, max] seconds, so sends don't look machine-timed. */
  private gapMs(): number {
    const { min, max } = this.rules.gapSeconds;
    return Math.round((min + (max - min) * this.random()) * 1000);
  }

  async reserve(now: number, member: string): Promise<{ ok: true } | { ok: false; retryAt: number }> {
    const [ok, at] = (await runScript(this.redis,
      RESERVE, 2, this.keys.pace(this.sender), this.keys.paceLog(this.sender),
      String(now), String(this.rules.dailyCap), String(this.gapMs()), String(this.rules.batchSize),
      String(this.rules.batchPauseMinutes * 60_000), member,
    )) as [number, number];
    return ok === 1 ? { ok: true } : { ok: false, retryAt: at };
  }

  /**
   * The provider asked this sender to slow down (Gmail 429) or cannot send for now (sign-in
   * void): no worker process sends for this sender before `until`. The reserved slot of the
   * send that did not go (`member`) is given back.
   */
  async backOff(until: number, member?: string): Promise<void> {
    const pipe = this.redis.multi();
    pipe.eval(`local t = tonumber(redis.call('HGET', KEYS[1], 'holdUntil') or '0') if tonumber(ARGV[1]) > t then redis.call('HSET', KEYS[1], 'holdUntil', ARGV[1]) end return 1`, 1, this.keys.pace(this.sender), String(Math.ceil(until)));
    if (member) pipe.zrem(this.keys.paceLog(this.sender), member);
    await pipe.exec();
  }

  /** Send times in the last 24 hours (oldest first), and when the next may start at the earliest. */
  async state(now: number): Promise<{ recent: number[]; nextAt: number }> {
    const [withScores, nextAt] = await Promise.all([
      this.redis.zrangebyscore(this.keys.paceLog(this.sender), now - DAY, '+inf', 'WITHSCORES'),
      this.redis.hget(this.keys.pace(this.sender), 'nextAt'),
    ]);
    const recent = withScores.filter((_, i) => i % 2 === 1).map(Number);
    return { recent, nextAt: Number(nextAt ?? 0) };
  }
}
