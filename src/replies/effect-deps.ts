import type { Redis } from 'ioredis';
import type { SendQueue } from '../queue/send-queue.js';
import type { Keys } from '../store/keys.js';

/** What applying an inbound message's effects needs (effects.ts, soft-bounce.ts). */
export interface EffectDeps {
  redis: Redis;
  keys: Keys;
  queue: SendQueue;
  now?: () => number;
  /** How long after a soft bounce the one resend waits. */
  softBounceDelayMs?: number;
}
