import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';

const salts = new Map<string, string>();

/**
 * The do-not-contact list. The global set is what the user manages; each sender's hash slot
 * holds a copy, because the claim script may only read keys of its own slot (see keys.ts).
 * Every change goes to the global set first, then to each copy; a sender is registered
 * before its copy is filled, so an address added meanwhile reaches the copy either way.
 *
 * A forgotten person is listed only as `sha256:<hex>` of a random salt plus the address, so
 * the list still refuses them without keeping the address.
 */
export class Suppression {
  constructor(private readonly redis: Redis, private readonly keys: Keys) {}

  /** The salt, made on first use (SET NX: every process agrees on it). */
  async salt(): Promise<string> {
    const cached = salts.get(this.keys.prefix);
    if (cached) return cached;
    await this.redis.set(this.keys.salt(), randomBytes(16).toString('hex'), 'NX');
    const salt = (await this.redis.get(this.keys.salt()))!;
    salts.set(this.keys.prefix, salt);
    return salt;
  }

  async hashOf(email: string): Promise<string> {
    return `sha256:${createHash('sha256').update(`${await this.salt()}:${email.trim().toLowerCase()}`).digest('hex')}`;
  }

  /** Makes this sender's copy complete; call before its workers claim anything. */
  async registerSender(): Promise<void> {
    await this.redis.sadd(this.keys.senders(), this.keys.sender.toLowerCase());
    const all = await this.redis.smembers(this.keys.suppressed());
    for (let i = 0; i < all.length; i += 1000) await this.redis.sadd(this.keys.suppressedCopy(), ...all.slice(i, i + 1000));
  }

  private async copies(): Promise<string[]> {
    const senders = new Set([...(await this.redis.smembers(this.keys.senders())), this.keys.sender.toLowerCase()]);
    return [...senders].map((s) => this.keys.forSender(s).suppressedCopy());
  }

  /** Adds entries (lowercase emails or hashes); true where an entry was new to the list. */
  async add(entries: string[]): Promise<boolean[]> {
    const out: boolean[] = [];
    for (const e of entries) out.push((await this.redis.sadd(this.keys.suppressed(), e)) === 1);
    if (entries.length > 0) for (const copy of await this.copies()) await this.redis.sadd(copy, ...entries);
    return out;
  }

  async remove(entries: string[]): Promise<boolean[]> {
    const out: boolean[] = [];
    for (const e of entries) out.push((await this.redis.srem(this.keys.suppressed(), e)) === 1);
    if (entries.length > 0) for (const copy of await this.copies()) await this.redis.srem(copy, ...entries);
    return out;
  }

  async list(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.suppressed())).sort();
  }
}
