import type { Command } from 'commander';
import { projectProblems } from '../../config/preflight.js';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { formatProblem, lintContact, type LintProblem } from '../../render/lint.js';
import { MessageRenderer } from '../../render/message-renderer.js';
import type { Session } from '../context.js';
import { withSession } from '../context.js';

export async function lintCampaign(s: Session, campaign: string): Promise<LintProblem[]> {
  const reader = new CampaignReader(s.redis, s.keys, campaign);
  await reader.mustExist();
  const renderer = MessageRenderer.load(s.project, s.profile());
  const project = projectProblems(s.project).map((p) => ({ contact: '', source: p.where, step: 0, field: p.field, reason: p.reason }));
  return [...project, ...(await reader.all()).flatMap((c) => lintContact(renderer, campaign, c))];
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('check every message of a campaign; exit 1 with one line per problem')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--json', 'print the problems as JSON')
    .action(async (o: { campaign: string; json?: boolean }, cmd: Command) => {
      const campaign = checkCampaignName(o.campaign);
      const problems = await withSession(cmd, (s) => lintCampaign(s, campaign));
      if (o.json) process.stdout.write(`${JSON.stringify(problems, null, 2)}\n`);
      else for (const p of problems) process.stdout.write(`${formatProblem(campaign, p)}\n`);
      if (problems.length > 0) {
        if (!o.json) process.stderr.write(`${problems.length} problem(s); fix the template, profile or CSV rows named above\n`);
        process.exitCode = 1;
      } else if (!o.json) process.stdout.write('no problems\n');
    });
}
