import type { ContactStatus } from '../campaign/stored-contact.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { stepName } from '../config/step-name.js';

/**
 * One contact's state in words, e.g. "first email sent; follow-up 1 queued for
 * 2026-12-01T13:00:00.000Z" or "replied": what `contacts list` shows.
 */
export function contactState(status: ContactStatus | undefined, entries: LedgerEntry[], suppressed: boolean): string {
  const parts: string[] = [];
  if (status && status !== 'active') parts.push(status.replace('_', ' '));
  else if (suppressed) parts.push('suppressed');
  const sorted = [...entries].sort((a, b) => a.step - b.step);
  if (sorted.length === 0) parts.push('not queued');
  for (const e of sorted) {
    let s = `${stepName(e.step)} ${e.state}`;
    if (e.state === 'queued' && e.dueAt) s += ` for ${new Date(e.dueAt).toISOString()}`;
    if ((e.state === 'failed' || e.state === 'uncertain' || e.state === 'cancelled') && e.error) s += ` (${e.error})`;
    parts.push(s);
  }
  return parts.join('; ');
}
