import type { Redis } from 'ioredis';
import { z } from 'zod';
import { UserError } from '../errors/user-error.js';
import type { Keys } from '../store/keys.js';
import { Suppression } from '../store/suppression.js';

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
  private readonly store: Suppression;
  constructor(redis: Redis, keys: Keys) {
    // Writes go through Suppression, which keeps each sender's copy (store/keys.ts) in step.
    this.store = new Suppression(redis, keys);
  }

  async add(emails: string[]): Promise<{ added: string[]; already: string[] }> {
    const out = { added: [] as string[], already: [] as string[] };
    const list = checkEmails(emails);
    (await this.store.add(list)).forEach((added, i) => (added ? out.added : out.already).push(list[i]!));
    return out;
  }

  async remove(emails: string[]): Promise<{ removed: string[]; absent: string[] }> {
    const out = { removed: [] as string[], absent: [] as string[] };
    const list = checkEmails(emails);
    (await this.store.remove(list)).forEach((removed, i) => (removed ? out.removed : out.absent).push(list[i]!));
    return out;
  }

  async list(): Promise<string[]> {
    return this.store.list();
  }
}
