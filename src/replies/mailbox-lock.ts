import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';

/** Deletes the lock only if this holder still owns it (the Redis docs' single-instance lock). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Extends the lock only if this holder still owns it. */
const REFRESH = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export const LOCK_TTL_MS = 120_000;

/** One key per mailbox (a MailboxSource id: user@host:port/folder, never the password). */
export function mailboxLockKey(keys: Keys, sourceId: string): string {
  return `${keys.prefix}:replies:lock:${sourceId}`;
}

/**
 * Runs `fn` while holding the mailbox's lock, so two worker processes (or a worker and
 * `outreach replies sync`) never read the same mailbox at once: their cursors and counters
 * would race. The lock expires on its own if the holder dies, and is refreshed while held.
 * Returns null, without running `fn`, when someone else holds it.
 */
export async function withMailboxLock<T>(redis: Redis, keys: Keys, sourceId: string, fn: () => Promise<T>, ttlMs = LOCK_TTL_MS): Promise<T | null> {
  const key = mailboxLockKey(keys, sourceId);
  const token = randomUUID();
  if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
  const timer = setInterval(() => void redis.eval(REFRESH, 1, key, token, String(ttlMs)).catch(() => undefined), Math.max(1000, ttlMs / 3));
  timer.unref();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
  }
}
