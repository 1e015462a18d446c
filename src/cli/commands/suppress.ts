import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { UserError } from '../../errors/user-error.js';
import type { Keys } from '../../store/keys.js';
import { Suppression } from '../../store/suppression.js';
import { withSession } from '../context.js';

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

/** Adds to the global do-not-contact list; every campaign's send-time check reads it. */
export async function suppressAdd(redis: Redis, keys: Keys, emails: string[]): Promise<{ added: string[]; already: string[] }> {
  const out = { added: [] as string[], already: [] as string[] };
  const list = checkEmails(emails);
  (await new Suppression(redis, keys).add(list)).forEach((added, i) => (added ? out.added : out.already).push(list[i]!));
  return out;
}

export async function suppressRemove(redis: Redis, keys: Keys, emails: string[]): Promise<{ removed: string[]; absent: string[] }> {
  const out = { removed: [] as string[], absent: [] as string[] };
  const list = checkEmails(emails);
  (await new Suppression(redis, keys).remove(list)).forEach((removed, i) => (removed ? out.removed : out.absent).push(list[i]!));
  return out;
}

export async function suppressList(redis: Redis, keys: Keys): Promise<string[]> {
  return new Suppression(redis, keys).list();
}

/** `outreach suppress add|list|remove <email>... [--json]`. */
export function registerSuppress(program: Command, out: NodeJS.WritableStream = process.stdout): Command {
  const print = (json: boolean | undefined, value: unknown, text: string) => out.write(json ? `${JSON.stringify(value, null, 2)}\n` : text);
  const cmd = program.command('suppress').description('the global do-not-contact list (opt-outs and hard bounces land here too)');
  cmd
    .command('add')
    .description('never write to these addresses again, in any campaign')
    .argument('<email...>', 'addresses never to write to again, in any campaign')
    .option('--json', 'print {added, already}')
    .action(async (emails: string[], o: { json?: boolean }, c: Command) => {
      const r = await withSession(c, (s) => suppressAdd(s.redis, s.keys, emails));
      print(o.json, r, `suppressed ${r.added.length} address(es)${r.already.length ? `; ${r.already.length} already on the list` : ''}\n`);
    });
  cmd
    .command('remove')
    .description('take addresses off the list (they may be written to again)')
    .argument('<email...>', 'addresses to take off the list')
    .option('--json', 'print {removed, absent}')
    .action(async (emails: string[], o: { json?: boolean }, c: Command) => {
      const r = await withSession(c, (s) => suppressRemove(s.redis, s.keys, emails));
      print(o.json, r, `removed ${r.removed.length} address(es)${r.absent.length ? `; ${r.absent.length} were not on the list` : ''}\n`);
    });
  cmd
    .command('list')
    .description('print the list, one address a line')
    .option('--json', 'print an array of addresses')
    .action(async (o: { json?: boolean }, c: Command) => {
      const list = await withSession(c, (s) => suppressList(s.redis, s.keys));
      print(o.json, list, list.length ? `${list.join('\n')}\n` : 'the suppression list is empty\n');
    });
  return cmd;
}
