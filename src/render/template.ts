import { readFileSync } from 'node:fs';
import { UserError } from '../errors/user-error.js';
import { compile, hbs, type RenderData } from './handlebars-env.js';
import { checkTemplate } from './template-check.js';
import { shortParseMessage, TemplateError } from './template-error.js';
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
  /** Lines of the file before the subject text and before the body, to name places in the file. */
  subjectLine: number;
  subjectColumn: number;
  bodyOffset: number;
  /** The front matter's lines (render/variants.ts reads the variant lines there). */
  frontMatter: string[];
}

export interface Rendered {
  subject: string;
  text: string;
  parts: Record<string, string>;
}

interface Parts { subject: string; body: string; subjectLine: number; bodyOffset: number; frontMatter: string[] }

function parse(file: string, source: string, subjectRequired: boolean): Parts {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  // A follow-up's subject is always "Re: <first subject>", so its front matter is optional.
  if (!m && !subjectRequired) return { subject: '', body: source, subjectLine: 1, bodyOffset: 0, frontMatter: [] };
  if (!m)
    throw new UserError('missing front matter with the subject', {
      where: `${file}:1`,
      hint: 'start the file with three lines: "---", "subject: ...", "---"',
    });
  const front = m[1]!.split(/\r?\n/);
  const at = front.findIndex((l) => /^subject\s*:/i.test(l));
  if (at < 0) throw new UserError('front matter has no "subject:" line', { where: `${file}:2`, hint: 'add "subject: ..." between the "---" lines' });
  return { subject: front[at]!.replace(/^subject\s*:\s*/i, ''), body: m[2]!, subjectLine: at + 2, bodyOffset: front.length + 2, frontMatter: front };
}

/** Parses now, so a syntax error is reported once, naming the file, line and column. */
function checkSyntax(file: string, source: string, lineOffset: number, columnOffset = 0): void {
  try {
    hbs.parse(source);
  } catch (err) {
    const e = err as Error & { lineNumber?: number; column?: number };
    // Handlebars keeps the failing position on its (shared) lexer, not on the error.
    const loc = (hbs as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer?.yylloc;
    const line = e.lineNumber ?? loc?.first_line ?? 1;
    const column = (e.column ?? loc?.first_column ?? 0) + (line === 1 ? columnOffset : 0) + 1;
    // Handlebars' own excerpt and caret, without its line number (counted from the body, not the file).
    const excerpt = e.message.split('\n').slice(1, 3).join('\n') || undefined;
    throw new TemplateError(file, line + lineOffset, column, shortParseMessage(e.message), null, excerpt);
  }
}

/** The text of a template file; a missing file is the user's error, named by its label. */
export function readTemplateSource(file: string, label = file): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UserError('template not found', { where: label, hint: 'run "outreach init" or fix the template path in outreach.config.json' });
  }
}

/** Parses, checks and compiles a template's text; errors name `label`, the line and the column. */
export function templateFrom(source: string, label: string, subjectRequired = true): Template {
  const p = parse(label, source, subjectRequired);
  const subjectColumn = /^subject\s*:\s*/i.exec(source.split(/\r?\n/)[p.subjectLine - 1] ?? '')?.[0].length ?? 0;
  checkSyntax(label, p.subject, p.subjectLine - 1, subjectColumn);
  checkSyntax(label, p.body, p.bodyOffset);
  // Prototype lookups ({{__proto__}}) and unknown helpers are the template's errors, before any row.
  for (const [text, first] of [[p.subject, p.subjectLine], [p.body, p.bodyOffset + 1]] as const) {
    const issue = checkTemplate(hbs, text)[0];
    if (issue)
      throw new UserError(issue.message, { where: `${label}:${first + issue.line - 1}`, hint: 'a template uses the contact row\'s columns, the profile, and the helpers listed' });
  }
  return { file: label, subject: compile(p.subject), body: compile(p.body), subjectLine: p.subjectLine, subjectColumn, bodyOffset: p.bodyOffset, frontMatter: p.frontMatter };
}

/** Handlebars' runtime error (strict mode: '"institution" not defined in [object Object] - 5:20') as a TemplateError. */
function located(t: Template, part: 'subject' | 'body', err: unknown): unknown {
  const e = err as Error & { lineNumber?: number; column?: number };
  if (e instanceof TemplateError || typeof e?.lineNumber !== 'number') return err;
  const field = /^"([^"]+)" not defined in/.exec(e.message)?.[1] ?? null;
  const line = part === 'subject' ? t.subjectLine : e.lineNumber + t.bodyOffset;
  const reason = field ? `"${field}" is not defined` : e.message.replace(/ - \d+:\d+$/, '');
  return new TemplateError(t.file, line, (e.column ?? 0) + 1 + (part === 'subject' ? t.subjectColumn : 0), reason, field);
}

/** Renders subject and body; throws Handlebars' strict-mode error when a field is missing. */
export function renderTemplate(t: Template, context: object, now?: Date, variant?: Partial<Pick<Template, 'subject'>> & Pick<RenderData, 'overrides'>): Rendered {
  const data: RenderData = { parts: {}, now, ...(variant?.overrides ? { overrides: variant.overrides } : {}) };
  let subject: string;
  let text: string;
  try {
    subject = (variant?.subject ?? t.subject)(context, { data }).trim();
  } catch (err) {
    throw located(t, 'subject', err);
  }
  try {
    text = t.body(context, { data }).replace(/\n{3,}/g, '\n\n').trim() + '\n';
  } catch (err) {
    throw located(t, 'body', err);
  }
  return { subject, text, parts: data.parts };
}

/** The field a template asked for that the context lacks (Handlebars strict mode), or null. */
export function missingField(err: unknown): string | null {
  if (err instanceof TemplateError) return err.field;
  const m = /^"([^"]+)" not defined in/.exec((err as Error)?.message ?? '');
  return m ? m[1]! : null;
}
