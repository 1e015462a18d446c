import type { StoredContact } from '../campaign/stored-contact.js';
import { stepName } from '../config/step-name.js';
import { HeaderValueError, hasLineBreak } from '../message/compose.js';
import type { MessageRenderer } from './message-renderer.js';
import { missingField } from './template.js';
import { TemplateError } from './template-error.js';

/** The five parts of the guide's email (README, "The outreach email"). */
export const REQUIRED_PARTS = ['introduction', 'interest', 'skills', 'ask', 'flexibility'] as const;
export const MAX_SUBJECT = 120;

export interface LintProblem {
  /** '' for a problem of the project itself (see config/preflight.ts). */
  contact: string;
  source: string;
  step: number;
  field: string;
  reason: string;
  /** The template's file:line:column, when the problem comes from rendering it. */
  template?: string;
}

/** A problem of the template itself, reported once rather than once per contact. */
export interface TemplateProblem {
  where: string;
  step: number;
  field: string | null;
  reason: string;
}

/** Every problem of one contact's messages, each naming the contact and the field. */
export function lintContact(renderer: MessageRenderer, campaign: string, contact: StoredContact): LintProblem[] {
  const problems: LintProblem[] = [];
  const add = (step: number, field: string, reason: string) =>
    problems.push({ contact: contact.email, source: contact.source, step, field, reason });

  for (const f of ['first_name', 'last_name', 'email'] as const)
    if (hasLineBreak(contact.row[f])) add(0, f, 'line break in a value that goes into a header');

  for (let step = 0; step < renderer.steps; step++) {
    let out;
    try {
      out = renderer.render(campaign, contact, step, { previous: [], firstSubject: 'x' });
    } catch (err) {
      if (err instanceof HeaderValueError) {
        // The row's own fields were named above; the subject and the sender are named here.
        if (!err.field.startsWith('to.')) add(step, err.field, 'contains a line break');
        continue;
      }
      const field = missingField(err);
      // A follow-up quotes the first email, so the first email's problem would show twice.
      if (step > 0 && problems.some((p) => p.step === 0 && p.field === (field ?? 'template'))) continue;
      const template = err instanceof TemplateError ? err.where : undefined;
      problems.push({
        contact: contact.email, source: contact.source, step, field: field ?? 'template',
        reason: field ? 'missing (the row has no value for it)' : (err as Error).message.split('\n')[0]!,
        ...(template ? { template } : {}),
      });
      continue;
    }
    const { rendered } = out;
    if (step === 0) {
      if (!rendered.subject) add(step, 'subject', 'empty');
      if (rendered.subject.length > MAX_SUBJECT) add(step, 'subject', `over ${MAX_SUBJECT} characters (${rendered.subject.length})`);
      for (const part of REQUIRED_PARTS) {
        if (!(part in rendered.parts)) add(step, `part ${part}`, `missing (wrap it in {{#part "${part}"}}...{{/part}})`);
        else if (rendered.parts[part] === '') add(step, `part ${part}`, 'empty');
      }
    }
    if (rendered.subject.includes('{{') || rendered.text.includes('{{')) add(step, 'body', 'leftover "{{" (an unfilled placeholder)');
  }
  return problems;
}

export function formatProblem(campaign: string, p: LintProblem): string {
  // A project-wide problem (config, attachment, outbox) has no contact: where, field, reason.
  if (p.contact === '') return `${p.source}: ${p.field}: ${p.reason}`;
  return `${p.source}: ${p.contact}: ${campaign} ${stepName(p.step)}: ${p.field}: ${p.reason}`;
}

/**
 * Lints every contact, then separates the template's own problems from the rows': a field
 * that no row has, or an error that is not about a field, is the template's, and is
 * reported once, naming the template file, line and column.
 */
export function lintCampaign(renderer: MessageRenderer, campaign: string, contacts: StoredContact[]): { template: TemplateProblem[]; rows: LintProblem[] } {
  const columns = new Set(contacts.flatMap((c) => Object.keys(c.row)));
  const template = new Map<string, TemplateProblem>();
  const rows: LintProblem[] = [];
  for (const c of contacts) {
    for (const p of lintContact(renderer, campaign, c)) {
      const ofTemplate = p.template && (p.field === 'template' || !columns.has(p.field));
      if (!ofTemplate) rows.push(p);
      else if (!template.has(`${p.template}|${p.reason}`)) {
        const reason = p.field === 'template' ? p.reason : `"${p.field}" is not defined: no row has a "${p.field}" column`;
        template.set(`${p.template}|${p.reason}`, { where: p.template!, step: p.step, field: p.field === 'template' ? null : p.field, reason });
      }
    }
  }
  return { template: [...template.values()], rows };
}

export function formatTemplateProblem(p: TemplateProblem): string {
  return `${p.where}: ${p.reason}`;
}
