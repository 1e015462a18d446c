import type { Command } from 'commander';
import { forgetPerson } from '../../forget/forget-person.js';
import { checkEmails } from './suppress.js';
import { printJson, withSession } from '../context.js';

/** `outreach forget <email> [--json]`: someone asked to be removed (e.g. under the GDPR). */
export function registerForget(program: Command): void {
  program
    .command('forget <email>')
    .description('remove a person from every campaign (contact, sends, replies, queued jobs, outbox copies); keep only a salted hash so they are never written to again')
    .option('--json', 'print what was removed as JSON')
    .action(async (email: string, o: { json?: boolean }, cmd: Command) => {
      const [address] = checkEmails([email]);
      const report = await withSession(cmd, (s) => forgetPerson(s.redis, s.keys, address!, s.project.config.transport.smtpUrl ? undefined : s.project.resolve(s.project.config.transport.outboxDir)));
      if (o.json) return printJson(report);
      if (report.campaigns.length === 0) process.stdout.write(`${address} was in no campaign\n`);
      for (const c of report.campaigns)
        process.stdout.write(`${c.campaign}: removed the contact, ${c.sends} send record(s), ${c.replies} repl(ies), ${c.jobs} queue job(s), ${c.files} outbox file(s)\n`);
      process.stdout.write(`the suppression list keeps only a salted hash (${report.suppressedAs.slice(0, 19)}…)${report.wasSuppressed ? ' instead of the address' : ''}: ${address} will not be written to again\n`);
    });
}
