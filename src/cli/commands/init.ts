import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../errors/user-error.js';
import type { CommandResult, Ctx } from '../io.js';
import { packageRoot } from '../package-root.js';

/** Starter files: [source in the package, target in the new project]. */
const STARTER: [string, string][] = [
  ['templates/project/outreach.config.json', 'outreach.config.json'],
  ['templates/project/profile.json', 'profile.json'],
  ['templates/outreach.hbs', 'templates/outreach.hbs'],
  ['templates/followup-1.hbs', 'templates/followup-1.hbs'],
  ['data/contacts.csv', 'data/contacts.csv'],
];

export function initProject(dir: string): string[] {
  const root = packageRoot();
  const targets = STARTER.map(([, to]) => path.join(dir, to));
  const existing = targets.filter((t) => existsSync(t));
  if (existing.length > 0)
    throw new UserError('already exists; init never overwrites', {
      where: existing[0]!,
      hint: 'run init in an empty folder, or move the existing files away first',
    });
  for (const [from, to] of STARTER) {
    const target = path.join(dir, to);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(root, from), target);
  }
  return targets;
}

/** `outreach init [dir]`: the starter project. */
export async function init(ctx: Ctx, dir: string | undefined): Promise<CommandResult<{ created: string[] }>> {
  const target = path.resolve(dir ?? ctx.dir);
  const written = initProject(target);
  const text =
    written.map((f) => `created ${path.relative(process.cwd(), f) || f}`).join('\n') +
    `\n\nNext: edit profile.json and outreach.config.json (sender), then\n` +
    `  outreach import data/contacts.csv --campaign first\n  outreach preview --campaign first\n`;
  return { data: { created: written }, text };
}
