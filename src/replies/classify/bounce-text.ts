import { STATUS_CODE } from './delivery-status.js';

/**
 * Rules for the non-standard bounce notices (qmail, Exim, old Sendmail, Domino, Exchange,
 * Gmail, Yahoo, KDDI...): they are free text, so we read the notice part before the copy of
 * the returned message and pick the failed address, the status code and the server's words.
 * The failure wording itself is per mail system, in bounce-phrases.ts.
 */

/** Lines that start the copy of the returned message in common MTAs' notices. */
const RETURNED_MARKERS = [
  /^-+ ?Below this line is a copy of the message/im, // qmail, Yahoo
  /^-+ ?This is a copy of the message/im, // Exim
  /^-+ ?Original message -+/im, // Gmail
  /^Original message headers:/im, // Exchange, Office 365
  /^-+ ?(Unsent|Undelivered|Returned|Original) message follows -+/im, // Sendmail, Domino
  /^-+ ?The header of the original message is following/im, // Postfix (Japanese hosts)
  /^-+ ?Message headers follow/im, // DragonFly
  /^Message headers follow/im, // DragonFly
  /^-+ ?Original message header/im,
  /^Content-Type: message\/rfc822/im,
  /^Received: from /im,
];

/** The notice part: the text before the returned message copy. */
export function noticePart(text: string): string {
  let end = text.length;
  for (const re of RETURNED_MARKERS) {
    const m = re.exec(text);
    if (m && m.index < end) end = m.index;
  }
  return text.slice(0, end);
}

/** Wording of a temporary problem: the MTA keeps trying (RFC 3464 Action: delayed). */
const DELAY_WORDING = /\bdelayed\b|will (be )?retr(y|ied)|temporar(y|ily)|warning message only|not yet been delivered|still trying/i;

const ADDRESS = /<?([A-Za-z0-9._%+'=-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)>?/g;
const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|mdaemon|bounces?)@/i;

/** The first failed address named in the notice, skipping the bounce's own sender/recipient. */
export function noticeRecipient(notice: string, skip: string[]): string | undefined {
  const skipped = new Set(skip.map((s) => s.toLowerCase()));
  for (const m of notice.matchAll(ADDRESS)) {
    const addr = (m[1] ?? '').replace(/[.]+$/, '');
    if (!addr || skipped.has(addr.toLowerCase()) || DAEMON.test(addr)) continue;
    return addr;
  }
  return undefined;
}

/** Status code, the line that carries it (or an SMTP reply), and hard/soft. */
export function noticeStatus(notice: string): { status?: string; diagnostic?: string; type: 'hard' | 'soft' } {
  const status = STATUS_CODE.exec(notice)?.[0];
  const lines = notice.split('\n');
  const smtpReply = (l: string): boolean => /\b[245]\d\d[ -]/.test(l);
  const withStatus = (l: string): boolean => status !== undefined && l.includes(status);
  let idx = lines.findIndex((l) => withStatus(l) && smtpReply(l));
  if (idx === -1) idx = lines.findIndex(withStatus);
  if (idx === -1) idx = lines.findIndex((l) => smtpReply(l) || /said:|reason:|because:/i.test(l));
  let diagnostic = idx === -1 ? undefined : lines[idx]?.trim();
  // "because:" / "said:" introduce the server's words on the next line (Domino, qmail).
  if (diagnostic && /:$/.test(diagnostic)) {
    const next = lines.slice(idx + 1).find((l) => l.trim() !== '');
    if (next) diagnostic = `${diagnostic} ${next.trim()}`;
  }
  const type = status ? (status.startsWith('4') ? 'soft' : 'hard') : DELAY_WORDING.test(notice) ? 'soft' : 'hard';
  return { status, diagnostic: diagnostic || undefined, type };
}
