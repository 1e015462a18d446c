import { forgetPerson, type ForgetReport } from '../../forget/forget-person.js';
import { checkEmails } from '../../suppression/suppression-list.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

/** `outreach forget <email>`: someone asked to be removed (e.g. under the GDPR). */
export async function forget(ctx: Ctx, email: string): Promise<CommandResult<ForgetReport>> {
  const [address] = checkEmails([email]);
  const report = await withSession(ctx.dir, ctx.io, (s) =>
    forgetPerson(s.redis, s.keys, address!, s.project.config.transport.smtpUrl ? undefined : s.project.resolve(s.project.config.transport.outboxDir)),
  );
  const lines: string[] = [];
  if (report.campaigns.length === 0) lines.push(`${address} was in no campaign`);
  for (const c of report.campaigns)
    lines.push(`${c.campaign}: removed the contact, ${c.sends} send record(s), ${c.replies} repl(ies), ${c.jobs} queue job(s), ${c.files} outbox file(s)`);
  lines.push(`the suppression list keeps only a salted hash (${report.suppressedAs.slice(0, 19)}…)${report.wasSuppressed ? ' instead of the address' : ''}: ${address} will not be written to again`);
  return { data: report, text: lines.join('\n') };
}
