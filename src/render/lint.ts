import type { StoredContact } from '../campaign/stored-contact.js';
import { HeaderValueError, hasLineBreak } from '../message/compose.js';
import type { MessageRenderer } from './message-renderer.js';
import { missingField } from './template.js';

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
      add(step, field ?? 'template', field ? 'missing (the row has no value for it)' : (err as Error).message.split('\n')[0]!);
      continue;
    }
    const { rendered } = out;
    if (step === 0) {
      if (!rendered.subject) add(step, 'subject', 'empty');
      if (hasLineBreak(rendered.subject)) add(step, 'subject', 'contains a line break');
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
  const step = p.step === 0 ? 'first email' : `follow-up ${p.step}`;
  return `${p.source}: ${p.contact}: ${campaign} ${step}: ${p.field}: ${p.reason}`;
}
