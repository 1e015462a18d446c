import type { Command } from 'commander';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { UserError } from '../../errors/user-error.js';
import { Ledger } from '../../ledger/ledger.js';
import { SendQueue } from '../../queue/send-queue.js';
import { sendJobId } from '../../queue/send-job.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { scheduleNextStep } from '../../worker/schedule-next.js';
import { printJson, withSession } from '../context.js';

/**
 * Decides sends whose outcome is unknown (the worker died mid-send). --resend queues them
 * again; --mark-sent records them as sent (e.g. after finding them in the Sent folder).
 */
export function registerResolve(program: Command): void {
  program
    .command('resolve')
    .description('decide "uncertain" sends: --resend them, or --mark-sent')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--resend', 'queue them again')
    .option('--mark-sent', 'record them as sent')
    .option('--contact <email>', 'only this contact')
    .option('--json', 'print {resent, markedSent}')
    .action(async (o: { campaign: string; resend?: boolean; markSent?: boolean; contact?: string; json?: boolean }, cmd: Command) => {
      const campaign = checkCampaignName(o.campaign);
      if (!o.resend === !o.markSent) throw new UserError('choose one of --resend or --mark-sent', { where: 'resolve', hint: 'check the recipient\'s inbox or your Sent folder first if you can' });
      await withSession(cmd, async (s) => {
        const reader = new CampaignReader(s.redis, s.keys, campaign);
        await reader.mustExist();
        const ledger = new Ledger(s.redis, s.keys, campaign);
        const now = Date.now();
        await ledger.sweep(now);
        let only: string | null = null;
        if (o.contact) {
          only = await reader.idByEmail(o.contact);
          if (!only) throw new UserError(`no contact ${o.contact} in "${campaign}"`, { where: '--contact', hint: 'check the address' });
        }
        const c = s.project.config;
        const queue = new SendQueue(s.redis, s.keys, c.sender.email, c.retry);
        const renderer = MessageRenderer.load(s.project, s.profile());
        let resent = 0;
        let markedSent = 0;
        try {
          for (const e of await ledger.all()) {
            if (e.state !== 'uncertain' || (only && e.contactId !== only)) continue;
            const data = { campaign, contactId: e.contactId, step: e.step, ...(e.noPacing ? { noPacing: true } : {}) };
            if (o.resend) {
              const resend = e.attempts + 1;
              if (await ledger.transition(e.contactId, e.step, 'uncertain', 'queued', now, { jobId: sendJobId(data, resend) })) {
                await queue.add(data, 0, resend);
                resent++;
              }
            } else {
              const contact = await reader.get(e.contactId);
              // Follow-ups are "Re: <first subject>": keep the subject the first email had.
              const subject = contact && e.step === 0 ? renderer.renderText(contact, 0).subject : e.subject;
              if (!(await ledger.transition(e.contactId, e.step, 'uncertain', 'sent', now, { sentAt: e.claimedAt ?? now, subject }))) continue;
              markedSent++;
              if (contact) await scheduleNextStep({ redis: s.redis, keys: s.keys, config: c, renderer, queue }, campaign, contact, e.step, e.claimedAt ?? now, e.noPacing);
            }
          }
        } finally {
          await queue.close();
        }
        if (o.json) return printJson({ resent, markedSent });
        process.stdout.write(o.resend ? `queued ${resent} uncertain send(s) again; run "outreach worker"\n` : `marked ${markedSent} uncertain send(s) as sent\n`);
      });
    });
}
