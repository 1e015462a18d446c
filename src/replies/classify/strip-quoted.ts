/**
 * Quoted-history stripping for plain-text replies: what the person wrote, without the message
 * they answered. Rules follow mailgun/talon (quotations.py) and github/email_reply_parser:
 * 1. Cut at a header of the quoted message: "-----Original Message-----", "Forwarded message",
 *    an Outlook "From: ... / Sent: ..." block (and the "_____" line above it), a line of
 *    underscores (Outlook separator, mailing-list footer), or an "On ... wrote:" attribution
 *    (also split over up to three lines) that is not followed by ">" lines.
 * 2. Remove blocks of ">" lines and the attribution just above each one; text between blocks
 *    (an inline answer) stays.
 * 3. Drop a mobile signature ("Sent from my iPhone") when it ends the whole message, as
 *    email_reply_parser does; above a quotation talon keeps it as part of the reply.
 */

const ORIGINAL_HEADER =
  /^\s*-{2,}\s*(original message|forwarded message|urspr[uü]ngliche nachricht|message d'origine|message transf[ée]r[ée]|mensaje original|mensaje reenviado|mensagem original|messaggio originale|oorspronkelijk bericht|doorgestuurd bericht)\s*-{2,}/i;
const BEGIN_FORWARD = /^\s*(begin forwarded message|anfang der weitergeleiteten nachricht)\s*:/i;
const UNDERSCORES = /^\s*_{5,}\s*$/;
const SEPARATOR = /^\s*([-_=*]\s*){5,}$/;
const FROM_LINE = /^\s*\*?(from|von|de|da|van)\s*:\*?\s*\S/i;
const HEADER_NEXT = /^\s*\*?(sent|date|to|subject|cc|gesendet|datum|an|betreff|envoy[ée]|objet|enviado|asunto|para|inviato|oggetto|verzonden|onderwerp)\s*:/i;
/** "wrote" in the languages we expect, as mail clients print it in attributions. */
const WROTE = /\b(wrote|writes|schrieb|a [ée]crit|escribi[oó]|escreveu|ha scritto|schreef|skrev|napisa[lł]|написал[аи]?)\s*:?\s*$/i;
const ATTRIBUTION_START = /^\s*-*\s*(on|le|am|el|em|il|op|den)\b/i;
const MOBILE_SIGNATURE =
  /^\s*(sent from my [\w .'-]{1,40}|sent from (outlook|mail) for [\w ]{1,20}|get outlook for [\w ]{1,20}|enviado desde mi [\w -]{1,30}|envoy[ée] de mon [\w -]{1,30}|von meinem [\w -]{1,30} gesendet|inviato da[l]? (mio )?[\w -]{1,30}|enviado do meu [\w -]{1,30}|verzonden vanaf mijn [\w -]{1,30})\s*$/i;

const isQuote = (l: string): boolean => /^\s*>/.test(l);
const isBlank = (l: string | undefined): boolean => l === undefined || l.trim() === '';

/** The visible reply of a plain-text message body. */
export function stripQuoted(text: string): string {
  const original = text.replace(/\r\n?/g, '\n').split('\n');
  const lines = original.slice(0, cutIndex(original));
  const kept = removeQuoteBlocks(lines);
  while (kept.length > 0 && isBlank(kept[kept.length - 1])) kept.pop();
  const lastOriginal = [...original].reverse().find((l) => !isBlank(l));
  const last = kept[kept.length - 1];
  if (last !== undefined && MOBILE_SIGNATURE.test(last) && last === lastOriginal) kept.pop();
  return kept.join('\n').replace(/^\s*\n/, '').trimEnd();
}

/** Length of the attribution (1–3 lines) starting at line i, or 0. */
function attributionAt(lines: string[], i: number): number {
  if (!ATTRIBUTION_START.test(lines[i] ?? '')) return 0;
  let joined = '';
  for (let n = 1; n <= 3 && i + n - 1 < lines.length; n++) {
    joined += ' ' + (lines[i + n - 1] ?? '').trim();
    if (WROTE.test(joined)) return n;
    if (isBlank(lines[i + n])) return 0;
  }
  return 0;
}

function nextNonBlank(lines: string[], from: number): string | undefined {
  for (let j = from; j < lines.length; j++) if (!isBlank(lines[j])) return lines[j];
  return undefined;
}

function cutIndex(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (isQuote(l)) continue;
    if (ORIGINAL_HEADER.test(l) || BEGIN_FORWARD.test(l) || UNDERSCORES.test(l)) return i;
    if (FROM_LINE.test(l) && lines.slice(i + 1, i + 5).some((n) => HEADER_NEXT.test(n))) return separatorAbove(lines, i);
    const attr = attributionAt(lines, i);
    if (attr > 0 && !isQuote(nextNonBlank(lines, i + attr) ?? '>')) return i;
  }
  return lines.length;
}

/** An Outlook header block often sits under a "-----" or "_____" rule; cut that too. */
function separatorAbove(lines: string[], i: number): number {
  let k = i - 1;
  while (k >= 0 && isBlank(lines[k])) k--;
  return k >= 0 && SEPARATOR.test(lines[k] ?? '') ? k : i;
}

function removeQuoteBlocks(lines: string[]): string[] {
  const drop = new Array<boolean>(lines.length).fill(false);
  for (let i = 0; i < lines.length; i++) {
    if (!isQuote(lines[i] ?? '') || (i > 0 && isQuote(lines[i - 1] ?? '') )) continue;
    // Block start: mark through the end of the run (blank lines inside a run belong to it).
    let j = i;
    while (j < lines.length && (isQuote(lines[j] ?? '') || (isBlank(lines[j]) && isQuote(nextNonBlank(lines, j) ?? '')))) drop[j++] = true;
    markAttributionAbove(lines, drop, i);
  }
  return lines.filter((_, k) => !drop[k]);
}

/** The attribution paragraph right above a quote block ("On ... wrote:", "02.04.2012 ... написал:"). */
function markAttributionAbove(lines: string[], drop: boolean[], blockStart: number): void {
  let k = blockStart - 1;
  while (k >= 0 && isBlank(lines[k])) k--;
  const last = lines[k] ?? '';
  if (k < 0 || !/:\s*$/.test(last) || !(WROTE.test(last) || /[\d@]/.test(last))) return;
  drop[k] = true;
  // Multi-line attributions: earlier lines that carry a date, a time or an address.
  for (let up = 1; up <= 2 && k - up >= 0; up++) {
    const prev = lines[k - up] ?? '';
    if (isBlank(prev) || !/[\d@]/.test(prev) || /[.!?]\s*$/.test(prev)) break;
    drop[k - up] = true;
  }
  for (let b = k + 1; b < blockStart; b++) drop[b] = true;
}
