// The Redis cursor store against a real Redis on 127.0.0.1:6379, under a random key prefix.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCursorStore } from '../../src/replies/imap/redis-cursor-store.js';

let redis: Redis;
const prefix = `test-imap-cursor-${randomUUID()}`;

beforeAll(() => {
  redis = new Redis('redis://127.0.0.1:6379');
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe('RedisCursorStore', () => {
  it('stores the cursor under prefix:imap:cursor:<mailbox key> and reads it back', async () => {
    const store = new RedisCursorStore(redis, prefix);
    const key = 'me@imap.example.org:993/INBOX';
    expect(await store.get(key)).toBeNull();
    await store.set(key, { uidValidity: '4294967295', lastUid: 42 });
    expect(await redis.hgetall(`${prefix}:imap:cursor:${key}`)).toEqual({ uidValidity: '4294967295', lastUid: '42' });
    expect(await new RedisCursorStore(redis, prefix).get(key)).toEqual({ uidValidity: '4294967295', lastUid: 42 });
    await store.set(key, { uidValidity: '7', lastUid: 0 });
    expect(await store.get(key)).toEqual({ uidValidity: '7', lastUid: 0 });
  });

  it('treats a corrupt cursor as absent (rescan) rather than skipping mail', async () => {
    const store = new RedisCursorStore(redis, prefix);
    await redis.hset(`${prefix}:imap:cursor:bad`, { uidValidity: '1', lastUid: 'lots' });
    expect(await store.get('bad')).toBeNull();
  });
});
