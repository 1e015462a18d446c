import { DateTime } from 'luxon';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { usesSampleValues } from '../../config/sample.js';
import { UserError } from '../../errors/user-error.js';
import { pendingContacts, queueCampaign } from '../../queue/queue-campaign.js';
import { SendQueue } from '../../queue/send-queue.js';
import { formatProblem, lintContact } from '../../render/lint.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { createTransport } from '../../transports/create-transport.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

export interface SendOptions { campaign: string; send?: boolean; limit?: number; pacing: boolean }

/** `outreach send`: the plan (dry run), or with --send the queued first emails. */
export async function send(ctx: Ctx, o: SendOptions): Promise<CommandResult> {
  const campaign = checkCampaignName(o.campaign);
  const noPacing = o.pacing === false;
  return withSession(ctx.dir, ctx.io, async (s) => {
    const c = s.project.config;
    await new CampaignReader(s.redis, s.keys, campaign).mustExist();
    const transport = createTransport(c, s.project.resolve);
    await transport.close();
    if (noPacing && transport.leavesMachine)
      throw new UserError('only works with the outbox or an SMTP server on loopback, or a Gmail API on loopback', { where: '--no-pacing', hint: 'pacing keeps a real mailbox out of spam filters; drop --no-pacing' });
    const samples = usesSampleValues(c.sender, s.profile());
    if (o.send && transport.leavesMachine && samples.length > 0)
      throw new UserError(`sample values still in use: ${samples.join(', ')}`, { where: 'outreach.config.json / profile.json', hint: 'put your own name, school and address in before sending through a real mailbox' });

    const renderer = MessageRenderer.load(s.project, s.profile());
    const contacts = await pendingContacts(s.redis, s.keys, campaign, o.limit);
    const problems = contacts.flatMap((ct) => lintContact(renderer, campaign, ct));
    if (problems.length > 0) {
      for (const p of problems) ctx.io.stderr.write(`${formatProblem(campaign, p)}\n`);
      throw new UserError(`${problems.length} lint problem(s); nothing queued`, { where: campaign, hint: `fix them (see "outreach lint --campaign ${campaign}"), then send again` });
    }
    if (contacts.length === 0)
      return { data: { campaign, dryRun: !o.send, queued: 0, plan: [] }, text: `nothing to send: every active contact in "${campaign}" is already queued or sent` };
    const dest = transport.kind === 'outbox' ? `the outbox (${c.transport.outboxDir})` : `${transport.kind === 'gmail' ? 'Gmail' : 'SMTP'}${transport.leavesMachine ? '' : ' on loopback'}`;
    const deps = { redis: s.redis, keys: s.keys, config: c, renderer };

    if (!o.send) {
      const { plan } = await queueCampaign(deps, campaign, { contacts, noPacing, dryRun: true });
      const lines = plan.map((p) => {
        const local = DateTime.fromMillis(p.at, { zone: p.timezone }).toFormat('ccc dd LLL HH:mm');
        return `batch ${String(p.batch).padStart(2)}  ${local} ${p.timezone.padEnd(20)} ${p.contact.email}`;
      });
      return {
        data: { campaign, dryRun: true, transport: transport.kind, plan: plan.map((p) => ({ email: p.contact.email, batch: p.batch, at: new Date(p.at).toISOString(), timezone: p.timezone })) },
        text: `${lines.join('\n')}\n\ndry run: ${plan.length} message(s) planned to ${dest}; nothing queued.\nAdd --send to queue them, then run "outreach worker".`,
      };
    }
    const queue = new SendQueue(s.redis, s.keys, c.sender.email, c.retry);
    try {
      const r = await queueCampaign({ ...deps, queue }, campaign, { contacts, noPacing });
      return {
        data: { campaign, queued: r.queued, alreadyQueued: r.already },
        text: `queued ${r.queued} message(s) for ${dest}${r.already ? ` (${r.already} already queued)` : ''}; run "outreach worker" to send them`,
      };
    } finally {
      await queue.close();
    }
  });
}
