import { DateTime } from 'luxon';
import type { WindowRules } from './send-window.js';

/**
 * A moment as the user reads it: their own clock first, then the recipient's, e.g.
 * "Tue 01 Dec 14:00 your time (08:00 America/Chicago)".
 */
export function whenText(at: number, recipientZone: string): string {
  const mine = DateTime.fromMillis(at).toFormat('ccc dd LLL HH:mm');
  const theirs = DateTime.fromMillis(at, { zone: recipientZone });
  const sameDay = theirs.toFormat('ccc dd LLL') === DateTime.fromMillis(at).toFormat('ccc dd LLL');
  return `${mine} your time (${theirs.toFormat(sameDay ? 'HH:mm' : 'ccc HH:mm')} ${recipientZone})`;
}

/** "Tue, Wed, Thu 08:00–11:00" */
export function windowText(rules: WindowRules): string {
  const days = rules.days.map((d) => d[0]!.toUpperCase() + d.slice(1)).join(', ');
  return `${days} ${rules.hours.start}–${rules.hours.end}`;
}
