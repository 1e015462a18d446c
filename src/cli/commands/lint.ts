import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { formatProblem, lintContact, type LintProblem } from '../../render/lint.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession, type Session } from '../session.js';

export async function lintCampaign(s: Session, campaign: string): Promise<LintProblem[]> {
  const reader = new CampaignReader(s.redis, s.keys, campaign);
  await reader.mustExist();
  const renderer = MessageRenderer.load(s.project, s.profile());
  return (await reader.all()).flatMap((c) => lintContact(renderer, campaign, c));
}

/** `outreach lint --campaign <name>`: exit 1 with one line per problem. */
export async function lint(ctx: Ctx, o: { campaign: string }): Promise<CommandResult<LintProblem[]>> {
  const campaign = checkCampaignName(o.campaign);
  const problems = await withSession(ctx.dir, ctx.io, (s) => lintCampaign(s, campaign));
  if (problems.length === 0) return { data: problems, text: 'no problems' };
  return {
    data: problems,
    text: problems.map((p) => formatProblem(campaign, p)).join('\n'),
    notes: [`${problems.length} problem(s); fix the template, profile or CSV rows named above`],
    exitCode: 1,
  };
}
