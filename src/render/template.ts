import { readFileSync } from 'node:fs';
import { UserError } from '../errors/user-error.js';
import { compile, hbs, type RenderData } from './handlebars-env.js';
import { checkTemplate } from './template-check.js';
import type Handlebars from 'handlebars';

/**
 * A message template: a front-matter block with the subject, then the body.
 *
 *   ---
 *   subject: Prospective IMG collaborator interested in {{topic}} radiology research
 *   ---
 *   Dear Dr. {{last_name}}, ...
 */
export interface Template {
  file: string;
  subject: Handlebars.TemplateDelegate;
  body: Handlebars.TemplateDelegate;
  /** The front matter's lines (render/variants.ts reads the variant lines there). */
  frontMatter: string[];
}

export interface Rendered {
  subject: string;
  text: string;
  parts: Record<string, string>;
}

interface Parsed { subject: string; body: string; subjectLine: number; bodyLine: number; frontMatter: string[] }

function parse(file: string, source: string, subjectRequired: boolean): Parsed {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  // A follow-up's subject is always "Re: <first subject>", so its front matter is optional.
  if (!m && !subjectRequired) return { subject: '', body: source, subjectLine: 1, bodyLine: 1, frontMatter: [] };
  if (!m)
    throw new UserError('missing front matter with the subject', {
      where: `${file}:1`,
      hint: 'start the file with three lines: "---", "subject: ...", "---"',
    });
  const subjectLine = m[1]!.split(/\r?\n/).find((l) => /^subject\s*:/i.test(l));
  if (!subjectLine) throw new UserError('front matter has no "subject:" line', { where: `${file}:2`, hint: 'add "subject: ..." between the "---" lines' });
  const lines = m[1]!.split(/\r?\n/);
  return {
    subject: subjectLine.replace(/^subject\s*:\s*/i, ''), body: m[2]!,
    subjectLine: 2 + lines.indexOf(subjectLine), bodyLine: source.slice(0, source.length - m[2]!.length).split('\n').length,
    frontMatter: lines,
  };
}

export function loadTemplate(file: string, label = file, subjectRequired = true): Template {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    throw new UserError('template not found', { where: label, hint: 'run "outreach init" or fix the template path in outreach.config.json' });
  }
  const { subject, body, subjectLine, bodyLine, frontMatter } = parse(label, source, subjectRequired);
  try {
    for (const [text, first] of [[subject, subjectLine], [body, bodyLine]] as const) {
      const issue = checkTemplate(hbs, text)[0];
      if (issue)
        throw new UserError(issue.message, { where: `${label}:${first + issue.line - 1}`, hint: 'a template uses the contact row\'s columns, the profile, and the helpers listed' });
    }

    const t = { file: label, subject: compile(subject), body: compile(body), frontMatter };
    return t;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`template syntax: ${(err as Error).message.split('\n')[0]}`, { where: label, hint: 'check the {{ }} and block tags' });
  }
}

/** Renders subject and body; throws Handlebars' strict-mode error when a field is missing. */
export function renderTemplate(t: Template, context: object, now?: Date, variant?: Partial<Pick<Template, 'subject'>> & Pick<RenderData, 'overrides'>): Rendered {
  const data: RenderData = { parts: {}, now, ...(variant?.overrides ? { overrides: variant.overrides } : {}) };
  const subject = (variant?.subject ?? t.subject)(context, { data }).trim();
  const text = t.body(context, { data }).replace(/\n{3,}/g, '\n\n').trim() + '\n';
  return { subject, text, parts: data.parts };
}

/** The field name from Handlebars' strict-mode error ('"institution" not defined in [object Object] - 5:20'). */
export function missingField(err: unknown): string | null {
  const m = /^"([^"]+)" not defined in/.exec((err as Error)?.message ?? '');
  return m ? m[1]! : null;
}
