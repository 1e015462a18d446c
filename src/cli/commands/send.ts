import { DateTime } from 'luxon';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { formatProjectProblem, projectProblems } from '../../setup/preflight.js';
import { usesSampleValues } from '../../config/sample.js';
import { UserError } from '../../errors/user-error.js';
import { Ledger } from '../../ledger/ledger.js';
import { pendingContacts, queueCampaign } from '../../queue/queue-campaign.js';
import { firstEmailsElsewhere } from '../../queue/repeat-first-emails.js';
import { formatProblem, formatTemplateProblem, lintCampaign } from '../../render/lint.js';
import { campaignTells, formatTell } from '../../render/tells.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { createTransport } from '../../transports/create-transport.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession, type Session } from '../session.js';
import { withQueue } from './select-contacts.js';

export interface SendOptions { campaign: string; send?: boolean; limit?: number; pacing: boolean; strict?: boolean; allowRepeat?: boolean }

/** Why "nothing to send": the sends that wait for the user (retry, resolve), if any. */
async function waitingOnUser(s: Session, campaign: string): Promise<string> {
  const counts: Record<string, number> = {};
  for (const e of await new Ledger(s.redis, s.keys, campaign).all()) if (e.step === 0) counts[e.state] = (counts[e.state] ?? 0) + 1;
  const out: string[] = [];
  if (counts.failed) out.push(`${counts.failed} failed: "outreach retry --campaign ${campaign}" queues them again`);
  if (counts.uncertain) out.push(`${counts.uncertain} uncertain: decide with "outreach resolve --campaign ${campaign}"`);
  if (counts.cancelled) out.push(`${counts.cancelled} cancelled: "outreach retry --campaign ${campaign} --contact <email>" queues one again`);
  return out.length ? `\n${out.join('\n')}` : '';
}

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

    const broken = projectProblems(s.project);
    if (broken.length > 0) {
      for (const p of broken.slice(1)) ctx.io.stderr.write(`${formatProjectProblem(p)}\n`);
      throw new UserError(`${broken[0]!.field}: ${broken[0]!.reason}`, { where: broken[0]!.where, hint: 'every send would fail; fix this, then send again (nothing was queued)' });
    }
    const renderer = MessageRenderer.load(s.project, s.profile());
    const notes: string[] = [];
    let contacts = await pendingContacts(s.redis, s.keys, campaign);

    // One person, one first email from this sender, whatever the campaign.
    let repeats = 0;
    if (!o.allowRepeat) {
      const elsewhere = await firstEmailsElsewhere(s.redis, s.keys, campaign, c.sender.email, contacts.map((x) => x.email));
      for (const [email, other] of elsewhere)
        notes.push(`${email}: already has a first email from ${c.sender.email} in campaign "${other}"; skipped (--allow-repeat writes again)`);
      contacts = contacts.filter((x) => !elsewhere.has(x.email.toLowerCase()));
      repeats = elsewhere.size;
    }

    const lint = lintCampaign(renderer, campaign, contacts);
    const [first, ...more] = lint.template;
    if (first)
      throw new UserError(`${first.reason}; nothing queued`, {
        where: first.where,
        details: more.length ? more.map(formatTemplateProblem).join('\n') : undefined,
        hint: `fix the template, then run "outreach lint --campaign ${campaign}"`,
      });
    const bad = new Set(lint.rows.map((p) => p.contact));
    if (lint.rows.length > 0) {
      for (const p of lint.rows) notes.push(formatProblem(campaign, p));
      if (o.strict) {
        for (const n of notes) ctx.io.stderr.write(`${n}\n`);
        throw new UserError(`${lint.rows.length} lint problem(s); nothing queued (--strict)`, { where: campaign, hint: `fix them (see "outreach lint --campaign ${campaign}"), then send again` });
      }
      contacts = contacts.filter((x) => !bad.has(x.email));
      notes.push(`${bad.size} contact(s) left out for the problems above; fix the CSV and import it again, or "outreach contacts remove"`);
    }
    if (o.limit !== undefined) contacts = contacts.slice(0, o.limit);
    if (contacts.length === 0) {
      const none = bad.size > 0 ? 'nothing queued: every pending contact has a problem (listed above)'
        : repeats > 0 ? `nothing to send: the ${repeats} contact(s) not yet written to in "${campaign}" had a first email in another campaign (listed above)`
        : `nothing to send: every active contact in "${campaign}" is already queued or sent`;
      return { data: { campaign, dryRun: !o.send, queued: 0, plan: [], leftOut: bad.size }, text: `${none}${await waitingOnUser(s, campaign)}`, notes, exitCode: bad.size > 0 ? 1 : 0 };
    }
    // Tells are only printed; with --strict they stop the send like problems.
    const tells = campaignTells(renderer, contacts);
    for (const t of tells) ctx.io.stderr.write(`${formatTell(campaign, t)}\n`);
    if (o.strict && tells.length > 0)
      throw new UserError(`${tells.length} lint warning(s) with --strict; nothing queued`, { where: campaign, hint: 'fix them, or send without --strict' });
    const dest = transport.kind === 'outbox' ? `the outbox (${c.transport.outboxDir})` : `${transport.kind === 'gmail' ? 'Gmail' : 'SMTP'}${transport.leavesMachine ? '' : ' on loopback'}`;
    const deps = { redis: s.redis, keys: s.keys, config: c, renderer };

    if (!o.send) {
      const { plan } = await queueCampaign(deps, campaign, { contacts, noPacing, dryRun: true });
      const lines = plan.map((p) => {
        const local = DateTime.fromMillis(p.at, { zone: p.timezone }).toFormat('ccc dd LLL HH:mm');
        return `batch ${String(p.batch).padStart(2)}  ${local} ${p.timezone.padEnd(20)} ${p.contact.email}`;
      });
      return {
        data: { campaign, dryRun: true, transport: transport.kind, plan: plan.map((p) => ({ email: p.contact.email, batch: p.batch, at: new Date(p.at).toISOString(), timezone: p.timezone })), leftOut: bad.size },
        text: `${lines.join('\n')}\n\ndry run: ${plan.length} message(s) planned to ${dest}; nothing queued.\nAdd --send to queue them, then run "outreach worker".`,
        notes,
      };
    }
    return withQueue(s, async (queue) => {
      const r = await queueCampaign({ ...deps, queue }, campaign, { contacts, noPacing });
      return {
        data: { campaign, queued: r.queued, alreadyQueued: r.already, leftOut: bad.size },
        text: `queued ${r.queued} message(s) for ${dest}${r.already ? ` (${r.already} already queued)` : ''}; run "outreach worker" to send them`,
        notes,
      };
    });
  });
}
