import type { Redis } from 'ioredis';
import { z } from 'zod';
import { UserError } from '../errors/user-error.js';
import type { Keys } from '../store/keys.js';

const Email = z.email();

/** Lowercase, checked addresses; the first bad one stops the command before anything changes. */
export function checkEmails(emails: string[]): string[] {
  return emails.map((raw) => {
    const e = raw.trim().toLowerCase();
    if (!Email.safeParse(e).success)
      throw new UserError(`"${raw}" is not an email address`, { where: 'suppress <email>', hint: 'give addresses like name@example.edu, separated by spaces' });
    return e;
  });
}

/**
 * The global do-not-contact list. Every campaign's claim reads it (ARCHITECTURE.md,
 * invariant 2); opt-outs and hard bounces add to it (replies/effects.ts).
 */
export class SuppressionList {
  constructor(private readonly redis: Redis, private readonly keys: Keys) {}

  async add(emails: string[]): Promise<{ added: string[]; already: string[] }> {
    const out = { added: [] as string[], already: [] as string[] };
    for (const e of checkEmails(emails)) ((await this.redis.sadd(this.keys.suppressed(), e)) === 1 ? out.added : out.already).push(e);
    return out;
  }

  async remove(emails: string[]): Promise<{ removed: string[]; absent: string[] }> {
    const out = { removed: [] as string[], absent: [] as string[] };
    for (const e of checkEmails(emails)) ((await this.redis.srem(this.keys.suppressed(), e)) === 1 ? out.removed : out.absent).push(e);
    return out;
  }

  async list(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.suppressed())).sort();
  }
}
