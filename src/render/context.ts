import type { Profile } from '../config/profile.js';
import type { ContactRow } from '../contacts/contact.js';
import { KNOWN_OPTIONAL_COLUMNS } from '../contacts/contact.js';

/**
 * Columns the templates may use that not every contacts CSV has; they default to "" like the
 * paper columns. `recent_paper_journal_abbrev` is the journal's ISO abbreviation or MedlineTA
 * ("Int J Cardiovasc Imaging"): the `journal` helper uses it for long names when present.
 */
export const RENDER_OPTIONAL_COLUMNS = ['recent_paper_journal_abbrev'] as const;

/** The "" defaults of the optional columns (not `institution` and `topic`), built once: only copied. */
const OPTIONAL_DEFAULTS: Readonly<Record<string, string>> = (() => {
  const optional: Record<string, string> = {};
  for (const col of KNOWN_OPTIONAL_COLUMNS) if (col !== 'institution' && col !== 'topic') optional[col] = '';
  for (const col of RENDER_OPTIONAL_COLUMNS) optional[col] = '';
  return optional;
})();

/**
 * What a template sees: the contact's columns at the top level, the applicant as
 * `profile.*`, the sender as `sender.*`. The paper columns and time zone default to ""
 * so `{{#if recent_paper_title}}` works in strict mode; `institution` and `topic` do not,
 * so a template that uses them for a row without them fails lint, naming the field.
 */
export function templateContext(row: ContactRow, profile: Profile, sender: { name: string; email: string }): object {
  return { ...OPTIONAL_DEFAULTS, ...row, profile: { signature: '', graduationYear: '', ...profile }, sender };
}
