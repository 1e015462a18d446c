import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { formatProblem, formatTemplateProblem, lintCampaign as lintAll, type LintProblem, type TemplateProblem } from '../../render/lint.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession, type Session } from '../session.js';

export type LintOutcome = { template: TemplateProblem[]; rows: LintProblem[] };

export async function lintCampaign(s: Session, campaign: string): Promise<LintOutcome> {
  const reader = new CampaignReader(s.redis, s.keys, campaign);
  await reader.mustExist();
  const renderer = MessageRenderer.load(s.project, s.profile());
  // Contacts that will never be written to (suppressed, replied, bounced, opted out) are not linted.
  const [all, statuses, suppressed] = await Promise.all([reader.all(), reader.statuses(), s.redis.smembers(s.keys.suppressed())]);
  const blocked = new Set(suppressed);
  return lintAll(renderer, campaign, all.filter((c) => (statuses[c.id] ?? 'active') === 'active' && !blocked.has(c.email.toLowerCase())));
}

/** The problems as lines: the template's first, once each, then each row's. */
export function lintLines(campaign: string, r: LintOutcome): string[] {
  return [...r.template.map(formatTemplateProblem), ...r.rows.map((p) => formatProblem(campaign, p))];
}

/** `outreach lint --campaign <name>`: exit 1 with one line per problem. */
export async function lint(ctx: Ctx, o: { campaign: string }): Promise<CommandResult<LintProblem[] | (LintProblem | TemplateProblem)[]>> {
  const campaign = checkCampaignName(o.campaign);
  const r = await withSession(ctx.dir, ctx.io, (s) => lintCampaign(s, campaign));
  const n = r.template.length + r.rows.length;
  if (n === 0) return { data: [], text: 'no problems' };
  return {
    data: [...r.template, ...r.rows],
    text: lintLines(campaign, r).join('\n'),
    notes: [`${n} problem(s); fix the template, profile or CSV rows named above`],
    exitCode: 1,
  };
}
