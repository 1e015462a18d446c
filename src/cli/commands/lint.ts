import type { Command } from 'commander';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { buildMime } from '../../message/mime.js';
import { formatProblem, lintContact, type LintProblem } from '../../render/lint.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { formatSpamReport, scoreWithSpamAssassin, type SpamReport } from '../../render/spam-check.js';
import { campaignTells, formatTell, type Tell } from '../../render/tells.js';
import type { Session } from '../context.js';
import { withSession } from '../context.js';

export interface LintResult {
  problems: LintProblem[];
  /** Tells: printed as "warning:" lines; they count as problems only with --strict. */
  warnings: Tell[];
}

export async function lintCampaign(s: Session, campaign: string, now = new Date()): Promise<LintResult> {
  const reader = new CampaignReader(s.redis, s.keys, campaign);
  await reader.mustExist();
  const renderer = MessageRenderer.load(s.project, s.profile());
  const contacts = await reader.all();
  return {
    problems: contacts.flatMap((c) => lintContact(renderer, campaign, c)),
    warnings: campaignTells(renderer, contacts, now),
  };
}

/**
 * Scores the first email of one contact (the first with a paper, whose email says the most)
 * with SpamAssassin, exactly as it would be sent.
 */
export async function spamCheckCampaign(s: Session, campaign: string, now = new Date()): Promise<{ contact: string; report: SpamReport }> {
  const reader = new CampaignReader(s.redis, s.keys, campaign);
  await reader.mustExist();
  const renderer = MessageRenderer.load(s.project, s.profile());
  const contacts = await reader.all();
  const sample = contacts.find((c) => c.row.recent_paper_title) ?? contacts[0];
  if (!sample) throw new Error(`campaign "${campaign}" has no contacts`);
  const mime = await buildMime({ ...renderer.render(campaign, sample, 0, undefined, now).message, date: now });
  return { contact: sample.email, report: await scoreWithSpamAssassin(mime) };
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('check every message of a campaign; exit 1 with one line per problem (tells are "warning:" lines)')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--json', 'print the problems as JSON (warnings go to stderr)')
    .option('--strict', 'count warnings as problems (exit 1)')
    .option('--spam', 'also score a sample message with SpamAssassin (spamassassin on PATH)')
    .action(async (o: { campaign: string; json?: boolean; strict?: boolean; spam?: boolean }, cmd: Command) => {
      const campaign = checkCampaignName(o.campaign);
      const { problems, warnings, spam } = await withSession(cmd, async (s) => ({
        ...(await lintCampaign(s, campaign)),
        spam: o.spam ? await spamCheckCampaign(s, campaign) : undefined,
      }));
      const out = o.json ? process.stderr : process.stdout;
      for (const w of warnings) out.write(`${formatTell(campaign, w)}\n`);
      if (spam) {
        for (const line of formatSpamReport(spam.report, `the first email to ${spam.contact}`)) out.write(`${line}\n`);
        for (const r of spam.report.rules) if (!r.transport && r.points > 0) out.write(`warning: ${campaign} first email: spam: ${r.name} (${r.points} points): ${r.description}\n`);
      }
      const spamWarnings = spam ? spam.report.rules.filter((r) => !r.transport && r.points > 0).length : 0;
      if (o.json) process.stdout.write(`${JSON.stringify(problems, null, 2)}\n`);
      else for (const p of problems) process.stdout.write(`${formatProblem(campaign, p)}\n`);
      const counted = problems.length + (o.strict ? warnings.length + spamWarnings : 0);
      if (counted > 0) {
        if (!o.json) process.stderr.write(`${counted} problem(s); fix the template, profile or CSV rows named above\n`);
        process.exitCode = 1;
      } else if (!o.json) process.stdout.write(warnings.length + spamWarnings > 0 ? `no problems; ${warnings.length + spamWarnings} warning(s)\n` : 'no problems\n');
    });
}
