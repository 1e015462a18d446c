import { z } from 'zod';
import { isIanaZone, ZONE_PROBLEM } from './time-zone.js';

/** Columns the contract names (CLI-CONTRACT.md, "Contacts CSV"). Any other column is kept as an extra field. */
export const REQUIRED_COLUMNS = ['first_name', 'last_name', 'email'] as const;
export const KNOWN_OPTIONAL_COLUMNS = [
  'institution',
  'topic',
  'timezone',
  'recent_paper_title',
  'recent_paper_journal',
  'recent_paper_year',
  'recent_paper_pmid',
] as const;

const trimmed = z.string().trim();
const optionalText = trimmed.optional();
// The name goes into the To: header; a line break there would add headers (RFC 5322 §2.2).
const headerText = trimmed
  .min(1, 'required')
  .refine((v) => !/[\r\n\u2028\u2029\u0085]/.test(v), 'line break in a value that goes into a header');

/**
 * One contact row after validation. Empty cells are absent (not ""), so a template that
 * uses a field the row lacks fails in Handlebars strict mode, naming the field.
 */
export const ContactRowSchema = z
  .object({
    first_name: headerText,
    last_name: headerText,
    email: trimmed.pipe(z.email('invalid address')),
    institution: optionalText,
    topic: optionalText,
    timezone: optionalText.refine((v) => v === undefined || isIanaZone(v), ZONE_PROBLEM),
    recent_paper_title: optionalText,
    recent_paper_journal: optionalText,
    recent_paper_year: optionalText.refine((v) => v === undefined || /^\d{4}$/.test(v), 'expected a four-digit year'),
    recent_paper_pmid: optionalText.refine((v) => v === undefined || /^\d{1,9}$/.test(v), 'expected a numeric PMID'),
  })
  .catchall(z.string());

export type ContactRow = z.infer<typeof ContactRowSchema>;

/** A validated row, or the first problem found in it. `line` is the 1-based physical line the record starts on. */
export type RowResult =
  | { ok: true; line: number; row: ContactRow }
  | { ok: false; line: number; field: string; reason: string };

/** Drops empty cells so that "absent" and "empty" mean the same thing downstream. */
export function dropEmpty(record: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v !== undefined && v.trim() !== '') out[k] = v;
  }
  return out;
}

/** Why a row that `discover` marked `needs_manual_lookup` (no address found) is skipped; import sums these up in one line. */
export const NEEDS_LOOKUP = 'no address yet (marked needs_manual_lookup)';

export function validateRow(line: number, record: Record<string, string | undefined>): RowResult {
  if (record['needs_manual_lookup']?.trim() === 'yes' && !record['email']?.trim()) return { ok: false, line, field: 'email', reason: NEEDS_LOOKUP };
  const parsed = ContactRowSchema.safeParse(dropEmpty(record));
  if (parsed.success) return { ok: true, line, row: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || '(row)';
  const reason = issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.message;
  return { ok: false, line, field, reason };
}
