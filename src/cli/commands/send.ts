import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { enqueuePlan, makePlan, pendingContacts } from '../../campaign/enqueue.js';
import { formatProjectProblem, projectProblems } from '../../config/preflight.js';
import { usesSampleValues } from '../../config/sample.js';
import { UserError } from '../../errors/user-error.js';
import { SendQueue } from '../../queue/send-queue.js';
import { formatProblem, lintContact } from '../../render/lint.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { createTransport } from '../../transports/create-transport.js';
import { printJson, withSession } from '../context.js';

interface SendOpts { campaign: string; send?: boolean; limit?: number; pacing: boolean; json?: boolean }

export function registerSend(program: Command): void {
  program
    .command('send')
    .description('plan a campaign (dry run), or queue it with --send; workers then send it in paced batches')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--send', 'really queue the messages (without it: a dry run that queues nothing)')
    .option('--limit <n>', 'queue at most n contacts', (v) => Number.parseInt(v, 10))
    .option('--no-pacing', 'send as fast as the workers can: only to the outbox or an SMTP server on loopback')
    .option('--json', 'print the plan as JSON')
    .action(async (o: SendOpts, cmd: Command) => {
      const campaign = checkCampaignName(o.campaign);
      const noPacing = o.pacing === false;
      await withSession(cmd, async (s) => {
        const c = s.project.config;
        await new CampaignReader(s.redis, s.keys, campaign).mustExist();
        const transport = createTransport(c.transport, s.project.resolve);
        await transport.close();
        if (noPacing && transport.leavesMachine)
          throw new UserError('--no-pacing only works with the outbox or an SMTP server on loopback', { where: '--no-pacing', hint: 'pacing keeps a real mailbox out of spam filters; drop --no-pacing' });
        const samples = usesSampleValues(c.sender, s.profile());
        if (o.send && transport.leavesMachine && samples.length > 0)
          throw new UserError(`sample values still in use: ${samples.join(', ')}`, { where: 'outreach.config.json / profile.json', hint: 'put your own name, school and address in before sending through a real mailbox' });

        const broken = projectProblems(s.project);
        if (broken.length > 0) {
          for (const p of broken.slice(1)) process.stderr.write(`${formatProjectProblem(p)}\n`);
          throw new UserError(`${broken[0]!.field}: ${broken[0]!.reason}`, { where: broken[0]!.where, hint: 'every send would fail; fix this, then send again (nothing was queued)' });
        }
        const renderer = MessageRenderer.load(s.project, s.profile());
        const contacts = await pendingContacts(s.redis, s.keys, campaign, o.limit);
        const problems = contacts.flatMap((ct) => lintContact(renderer, campaign, ct));
        if (problems.length > 0) {
          for (const p of problems) process.stderr.write(`${formatProblem(campaign, p)}\n`);
          throw new UserError(`${problems.length} lint problem(s); nothing queued`, { where: campaign, hint: `fix them (see "outreach lint --campaign ${campaign}"), then send again` });
        }
        if (contacts.length === 0) {
          if (o.json) return printJson({ campaign, dryRun: !o.send, queued: 0, plan: [] });
          process.stdout.write(`nothing to send: every active contact in "${campaign}" is already queued or sent\n`);
          return;
        }
        const now = Date.now();
        const plan = await makePlan(s.redis, s.keys, c, contacts, now, noPacing);
        const dest = transport.kind === 'outbox' ? `the outbox (${c.transport.outboxDir})` : `SMTP${transport.leavesMachine ? '' : ' on loopback'}`;

        if (!o.send) {
          if (o.json) return printJson({ campaign, dryRun: true, transport: transport.kind, plan: plan.map((p) => ({ email: p.contact.email, batch: p.batch, at: new Date(p.at).toISOString(), timezone: p.timezone })) });
          for (const p of plan) {
            const local = DateTime.fromMillis(p.at, { zone: p.timezone }).toFormat('ccc dd LLL HH:mm');
            process.stdout.write(`batch ${String(p.batch).padStart(2)}  ${local} ${p.timezone.padEnd(20)} ${p.contact.email}\n`);
          }
          process.stdout.write(`\ndry run: ${plan.length} message(s) planned to ${dest}; nothing queued.\nAdd --send to queue them, then run "outreach worker".\n`);
          return;
        }
        const queue = new SendQueue(s.redis, s.keys, c.sender.email, c.retry);
        try {
          const r = await enqueuePlan(s.redis, s.keys, queue, renderer, campaign, plan, now, noPacing);
          if (o.json) return printJson({ campaign, queued: r.queued, alreadyQueued: r.already });
          process.stdout.write(`queued ${r.queued} message(s) for ${dest}${r.already ? ` (${r.already} already queued)` : ''}; run "outreach worker" to send them\n`);
        } finally {
          await queue.close();
        }
      });
    });
}
