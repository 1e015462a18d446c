import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../errors/user-error.js';
import { packageRoot } from '../package-root.js';

/** Files that may hold a secret (an SMTP password in transport.smtpUrl): owner-only, whatever the umask. */
const PRIVATE = new Set(['outreach.config.json']);

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
    if (PRIVATE.has(to)) chmodSync(target, 0o600);
  }
  return targets;
}

export function registerInit(program: Command): void {
  program
    .command('init [dir]')
    .description('write a starter project: config, profile, templates and a sample contacts CSV')
    .action((dir: string | undefined) => {
      const target = path.resolve(dir ?? (program.opts().dir as string));
      const written = initProject(target);
      for (const f of written) process.stdout.write(`created ${path.relative(process.cwd(), f) || f}\n`);
      process.stdout.write(
        `\nNext: edit profile.json and outreach.config.json (sender), then\n` +
          `  outreach import data/contacts.csv --campaign first\n  outreach preview --campaign first\n`,
      );
    });
}
