import { DateTime } from 'luxon';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { formatProjectProblem, projectProblems } from '../../setup/preflight.js';
import { usesSampleValues } from '../../config/sample.js';
import { UserError } from '../../errors/user-error.js';
import { pendingContacts, queueCampaign } from '../../queue/queue-campaign.js';
import { SendQueue } from '../../queue/send-queue.js';
import { formatProblem, lintContact } from '../../render/lint.js';
import { campaignTells, formatTell } from '../../render/tells.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { createTransport } from '../../transports/create-transport.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

export interface SendOptions { campaign: string; send?: boolean; limit?: number; pacing: boolean; strict?: boolean }

/** `outreach send`: the plan (dry run), or with --send the queued first emails. */
export async function send(ctx: Ctx, o: SendOptions): Promise<CommandResult> {
  const campaign = checkCampaignName(o.campaign);
  const noPacing = o.pacing === false;
  return withSession(ctx.dir, ctx.io, async (s) => {
    const c = s.project.config;
    await new CampaignReader(s.redis, s.keys, campaign).mustExist();
    const transport = createTransport(c.transport, s.project.resolve);
    await transport.close();
    if (noPacing && transport.leavesMachine)
      throw new UserError('only works with the outbox or an SMTP server on loopback', { where: '--no-pacing', hint: 'pacing keeps a real mailbox out of spam filters; drop --no-pacing' });
    const samples = usesSampleValues(c.sender, s.profile());
    if (o.send && transport.leavesMachine && samples.length > 0)
      throw new UserError(`sample values still in use: ${samples.join(', ')}`, { where: 'outreach.config.json / profile.json', hint: 'put your own name, school and address in before sending through a real mailbox' });

    const broken = projectProblems(s.project);
    if (broken.length > 0) {
      for (const p of broken.slice(1)) ctx.io.stderr.write(`${formatProjectProblem(p)}\n`);
      throw new UserError(`${broken[0]!.field}: ${broken[0]!.reason}`, { where: broken[0]!.where, hint: 'every send would fail; fix this, then send again (nothing was queued)' });
    }
    const renderer = MessageRenderer.load(s.project, s.profile());
    const contacts = await pendingContacts(s.redis, s.keys, campaign, o.limit);
    const problems = contacts.flatMap((ct) => lintContact(renderer, campaign, ct));
    if (problems.length > 0) {
      for (const p of problems) ctx.io.stderr.write(`${formatProblem(campaign, p)}\n`);
      throw new UserError(`${problems.length} lint problem(s); nothing queued`, { where: campaign, hint: `fix them (see "outreach lint --campaign ${campaign}"), then send again` });
    }
    // Tells are only printed; with --strict they stop the send like problems.
    const tells = campaignTells(renderer, contacts);
    for (const t of tells) ctx.io.stderr.write(`${formatTell(campaign, t)}\n`);
    if (o.strict && tells.length > 0)
      throw new UserError(`${tells.length} lint warning(s) with --strict; nothing queued`, { where: campaign, hint: 'fix them, or send without --strict' });
    if (contacts.length === 0)
      return { data: { campaign, dryRun: !o.send, queued: 0, plan: [] }, text: `nothing to send: every active contact in "${campaign}" is already queued or sent` };
    const dest = transport.kind === 'outbox' ? `the outbox (${c.transport.outboxDir})` : `SMTP${transport.leavesMachine ? '' : ' on loopback'}`;
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
