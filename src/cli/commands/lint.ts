import { projectProblems } from '../../setup/preflight.js';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { UserError } from '../../errors/user-error.js';
import { buildMime } from '../../message/mime.js';
import { formatProblem, formatTemplateProblem, lintCampaign as lintAll, type LintProblem, type TemplateProblem } from '../../render/lint.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import { formatSpamReport, scoreWithSpamAssassin, type SpamReport } from '../../render/spam-check.js';
import { campaignTells, formatTell, type Tell } from '../../render/tells.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession, type Session } from '../session.js';

export interface LintResult {
  /** The template's own problems, once each (not once per row). */
  template: TemplateProblem[];
  problems: LintProblem[];
  /** Tells: printed as "warning:" lines; they count as problems only with --strict. */
  warnings: Tell[];
}

export async function lintCampaign(s: Session, campaign: string, now = new Date()): Promise<LintResult> {
  const reader = new CampaignReader(s.redis, s.keys, campaign);
  await reader.mustExist();
  const renderer = MessageRenderer.load(s.project, s.profile());
  // Contacts that will never be written to (suppressed, replied, bounced, opted out) are not linted.
  const [all, statuses, suppressed] = await Promise.all([reader.all(), reader.statuses(), s.redis.smembers(s.keys.suppressed())]);
  const blocked = new Set(suppressed);
  const contacts = all.filter((c) => (statuses[c.id] ?? 'active') === 'active' && !blocked.has(c.email.toLowerCase()));
  const linted = lintAll(renderer, campaign, contacts);
  // Problems of the project itself (a missing attachment, an outbox path that is a file): every send would fail.
  const project = projectProblems(s.project).map((p) => ({ contact: '', source: p.where, step: 0, field: p.field, reason: p.reason }));
  return {
    template: linted.template,
    problems: [...project, ...linted.rows],
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
  if (!sample) throw new UserError(`campaign "${campaign}" has no contacts`, { where: '--campaign', hint: 'import contacts first' });
  const mime = await buildMime({ ...renderer.render(campaign, sample, 0, undefined, now).message, date: now });
  return { contact: sample.email, report: await scoreWithSpamAssassin(mime) };
}

/** `outreach lint --campaign <name> [--strict] [--spam]`: exit 1 with one line per problem; tells are warnings. */
export async function lint(ctx: Ctx, o: { campaign: string; json?: boolean; strict?: boolean; spam?: boolean }): Promise<CommandResult<(LintProblem | TemplateProblem)[]>> {
  const campaign = checkCampaignName(o.campaign);
  const { template, problems, warnings, spam } = await withSession(ctx.dir, ctx.io, async (s) => ({
    ...(await lintCampaign(s, campaign)),
    spam: o.spam ? await spamCheckCampaign(s, campaign) : undefined,
  }));
  const warn = warnings.map((w) => formatTell(campaign, w));
  const spamCounted = spam ? spam.report.rules.filter((r) => !r.transport && r.points > 0) : [];
  if (spam) {
    warn.push(...formatSpamReport(spam.report, `the first email to ${spam.contact}`));
    for (const r of spamCounted) warn.push(`warning: ${campaign} first email: spam: ${r.name} (${r.points} points): ${r.description}`);
  }
  const counted = template.length + problems.length + (o.strict ? warnings.length + spamCounted.length : 0);
  const lines = [...(o.json ? [] : warn), ...template.map(formatTemplateProblem), ...problems.map((p) => formatProblem(campaign, p))];
  const total = warnings.length + spamCounted.length;
  if (counted === 0) lines.push(total > 0 ? `no problems; ${total} warning(s)` : 'no problems');
  return {
    data: [...template, ...problems],
    text: lines.join('\n'),
    // With --json the warnings go to stderr, so stdout stays the problems' array.
    notes: [...(o.json ? warn : []), ...(counted > 0 && !o.json ? [`${counted} problem(s); fix the template, profile or CSV rows named above`] : [])],
    exitCode: counted > 0 ? 1 : 0,
  };
}
