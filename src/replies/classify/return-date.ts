import { fold, parseDateAt, type DateOrder } from './date-words.js';

/**
 * Return-date extraction for auto-replies: a trigger word ("back", "returning", "until",
 * "bis", "de retour", "hasta"...) followed within a few words by a date expression, resolved
 * against the message Date so "Monday" or "May 5th" become a calendar day. "until X" is read
 * as "back on X": the follow-up waits until that day. When several dates follow triggers
 * ("ab 20.12. ... bis 06.01."), the latest one is the return.
 */

interface Trigger {
  re: RegExp;
  order: DateOrder;
}

const TRIGGERS: Trigger[] = [
  // English (US writers: 12/03/2024 is December 3)
  { order: 'mdy', re: /\b(back|return|returning|returns|in the office|available again|reachable|until|till|through|thru)\b/g },
  // German
  { order: 'dmy', re: /\b(bis|ab|wieder|zuruck|zurueck)\b/g },
  // French
  { order: 'dmy', re: /\b(jusqu'au|jusqu’au|jusqu'a|de retour|a partir du|a compter du|retour|reviendrai|rentrerai)\b/g },
  // Spanish
  { order: 'dmy', re: /\b(hasta|regreso|regresare|de vuelta|a partir del|volvere|reincorporare)\b/g },
  // Portuguese
  { order: 'dmy', re: /\b(ate|retorno|retornarei|volto|voltarei|de volta|a partir de)\b/g },
  // Italian
  { order: 'dmy', re: /\b(fino al|fino a|rientrero|rientro|di ritorno|a partire dal)\b/g },
  // Dutch
  { order: 'dmy', re: /\b(tot en met|tot|terug|vanaf|weer aanwezig)\b/g },
];

/** How many words after a trigger may come before the date ("returning to the office on May 5th"). */
const WORD_WINDOW = 7;

/** The stated return day as YYYY-MM-DD, or undefined. `ref` is the message date. */
export function extractReturnDate(text: string, ref: Date): string | undefined {
  const folded = fold(text).replace(/\s+/g, ' ');
  let best: Date | undefined;
  for (const t of TRIGGERS) {
    for (const m of folded.matchAll(t.re)) {
      const after = folded.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 120);
      const date = firstDateWithin(after, ref, t.order);
      if (date && (!best || date.getTime() > best.getTime())) best = date;
    }
  }
  return best ? best.toISOString().slice(0, 10) : undefined;
}

function firstDateWithin(after: string, ref: Date, order: DateOrder): Date | undefined {
  const sentence = after.split(/[!?;\n]/)[0] ?? '';
  let pos = 0;
  for (let i = 0; i <= WORD_WINDOW; i++) {
    const rest = sentence.slice(pos).replace(/^[\s,:(]+/, '');
    const date = parseDateAt(rest, ref, order);
    if (date) return date;
    const next = sentence.slice(pos).search(/\S\s/);
    if (next === -1) return undefined;
    pos += next + 2;
  }
  return undefined;
}

/** Apple's vacation responder states its window: X-Apple-Criteria: {...endDate=2020-01-10T...}. */
export function returnDateFromHeaders(appleCriteria: string | undefined): string | undefined {
  return /endDate=(\d{4}-\d{2}-\d{2})/.exec(appleCriteria ?? '')?.[1];
}
