import path from 'node:path';
import { UserError } from '../../errors/user-error.js';
import { initProject as writeProject, starterValues, type InitAnswers } from '../../setup/init-project.js';
import type { CommandResult, Ctx } from '../io.js';
import { packageRoot } from '../package-root.js';

/** The starter project with no answers (tests and scripts that need a project folder). */
export function initProject(dir: string, answers: InitAnswers = {}): string[] {
  return writeProject(dir, packageRoot(), answers);
}

export interface InitOptions extends Omit<InitAnswers, 'institutions'> {
  institution?: string[];
  campaign: string;
  yes?: boolean;
}

export function checkTransport(t: string | undefined): void {
  if (t !== undefined && !['outbox', 'smtp', 'gmail'].includes(t))
    throw new UserError(`"${t}" is not a transport`, { where: '--transport', hint: 'use outbox, smtp or gmail' });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SAMPLE_NOTE = '(keeping the example as it is counts as a sample value: fine for the outbox, refused by a real mailbox)';

/** Asks what the flags left open, on a terminal (stdin and stdout both terminals). */
async function ask(o: InitOptions): Promise<InitAnswers> {
  const { input, select } = await import('@inquirer/prompts');
  const start = starterValues(packageRoot());
  const a: InitAnswers = { ...o, institutions: o.institution };
  const text = async (key: keyof typeof start, message: string, validate?: (v: string) => true | string, sample = false) => {
    if (a[key]) return;
    const v = await input({ message: sample ? `${message} ${SAMPLE_NOTE}` : message, default: start[key], validate: validate ?? ((x) => (x.trim() ? true : 'please answer')) });
    if (v.trim() && v.trim() !== start[key]) a[key] = v.trim();
  };
  await text('name', 'Your name, as you sign your emails:');
  await text('email', 'The e-mail address you will send from:', (v) => (EMAIL.test(v.trim()) ? true : 'that is not an e-mail address'));
  await text('school', 'Your medical school:');
  await text('graduationYear', 'Graduation year:', (v) => (/^(19|20)\d\d$/.test(v.trim()) ? true : 'a four-digit year, e.g. 2023'));
  await text('usmle', 'Your USMLE progress, as a sentence:');
  await text('location', 'Where you are (city, and whether you can work remotely):');
  await text('skills', 'What you can do (one or two lines):', undefined, true);
  await text('ask', 'What you ask a mentor for:', undefined, true);
  await text('flexibility', 'How flexible you are:', undefined, true);
  if (!a.topic) a.topic = (await input({ message: 'Your research topic (e.g. "breast MRI"; empty to skip):' })).trim() || undefined;
  if (!a.institutions?.length) {
    const list = (await input({ message: 'Target institutions, separated by ";" (empty to skip):' })).trim();
    a.institutions = list ? list.split(';').map((s) => s.trim()).filter(Boolean) : [];
  }
  if (!a.transport)
    a.transport = await select({
      message: 'How will you send?',
      choices: [
        { name: 'outbox for now: .eml files on this machine, nothing leaves it', value: 'outbox' as const },
        { name: 'SMTP (set SMTP_URL, e.g. a Gmail app password)', value: 'smtp' as const },
        { name: 'Gmail API (then run "outreach auth gmail")', value: 'gmail' as const },
      ],
    });
  return a;
}

async function confirm(message: string): Promise<boolean> {
  const { confirm: c } = await import('@inquirer/prompts');
  return c({ message, default: true });
}

/**
 * `outreach init [dir]`: writes the project (asking on a terminal, each question also a flag),
 * then puts contacts into a first campaign and shows the first preview when Redis answers:
 * PubMed results for the topic and institution when the user agrees, else the sample CSV.
 * Neither Redis nor PubMed being unreachable ever fails init.
 */
export async function init(ctx: Ctx, dir: string | undefined, o: InitOptions): Promise<CommandResult<{ created: string[]; campaign: string | null }>> {
  const target = path.resolve(dir ?? ctx.dir);
  const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !o.yes;
  const answers: InitAnswers = terminal ? await ask(o) : { ...o, institutions: o.institution };
  const written = initProject(target, answers);
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  const out = ctx.io.stdout;
  out.write(written.map((f) => `created ${rel(f)}`).join('\n') + '\n');

  let campaign: string | null = null;
  const childCtx: Ctx = { dir: target, io: ctx.io };
  const csvs: string[] = [];
  if (terminal && answers.topic && answers.institutions?.length && (await confirm(`Search PubMed for ${answers.institutions.join(', ')} radiology ${answers.topic} now?`))) {
    try {
      const { discover } = await import('./discover.js');
      for (const institution of answers.institutions) {
        const file = path.join(target, 'data', `discover-${institution.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.csv`);
        const r = await discover(childCtx, { institution, topic: answers.topic, max: 50, maxArticles: 500, out: file });
        for (const n of r.notes ?? []) ctx.io.stderr.write(`${n}\n`);
        csvs.push(file);
      }
    } catch (err) {
      ctx.io.stderr.write(`PubMed search skipped: ${err instanceof UserError ? err.line() : (err as Error).message}\nhint: try later with "outreach discover --institution ... --topic ..." or "--from <saved file>"\n`);
    }
  }
  if (csvs.length === 0) csvs.push(path.join(target, 'data', 'contacts.csv'));
  try {
    const { importCommand } = await import('./import.js');
    for (const csv of csvs) {
      const r = await importCommand(childCtx, csv, { campaign: o.campaign });
      out.write(`${r.text} from ${rel(csv)}\n`);
    }
    campaign = o.campaign;
    const { preview } = await import('./preview.js');
    const p = await preview(childCtx, { campaign: o.campaign, limit: 1, step: 0 });
    out.write(`\nYour first email, as the mentor will read it:\n\n${p.text}`);
  } catch (err) {
    ctx.io.stderr.write(`campaign not set up yet: ${err instanceof UserError ? err.line() : (err as Error).message}\n`);
    if (err instanceof UserError && err.hint) ctx.io.stderr.write(`hint: ${err.hint}\n`);
  }
  const cd = path.relative(process.cwd(), target);
  const next = campaign
    ? `\nNext: ${cd ? `cd ${cd} && ` : ''}outreach preview --campaign ${campaign} --limit 3\n` +
      `Then read profile.json and templates/outreach.hbs, and run "outreach doctor" before sending for real.`
    : `\nNext: ${cd ? `cd ${cd} && ` : ''}outreach redis start   (or start Redis another way; see "outreach doctor")\n` +
      `      outreach import data/contacts.csv --campaign ${o.campaign} && outreach preview --campaign ${o.campaign}`;
  return { data: { created: written, campaign }, text: next };
}
