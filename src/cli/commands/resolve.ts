import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { UserError } from '../../errors/user-error.js';
import { Ledger } from '../../ledger/ledger.js';
import { SendQueue } from '../../queue/send-queue.js';
import { sendJobId } from '../../queue/send-job.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { scheduleNextStep } from '../../send/schedule-next.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

/**
 * Decides sends whose outcome is unknown (the worker died mid-send). --resend queues them
 * again; --mark-sent records them as sent (e.g. after finding them in the Sent folder).
 */
export async function resolve(ctx: Ctx, o: { campaign: string; resend?: boolean; markSent?: boolean; contact?: string }): Promise<CommandResult<{ resent: number; markedSent: number }>> {
      const campaign = checkCampaignName(o.campaign);
      if (!o.resend === !o.markSent) throw new UserError('choose one of --resend or --mark-sent', { where: 'resolve', hint: 'check the recipient\'s inbox or your Sent folder first if you can' });
      return withSession(ctx.dir, ctx.io, async (s) => {
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
        return {
          data: { resent, markedSent },
          text: o.resend ? `queued ${resent} uncertain send(s) again; run "outreach worker"` : `marked ${markedSent} uncertain send(s) as sent`,
        };
      });
}
