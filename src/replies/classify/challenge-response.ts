import { header, type ParsedInput } from './parse.js';

/**
 * Challenge-response filters (Boxbe, Bluebottle, SpamArrest, Mailblocks, Sanebox...) hold the
 * message and ask the sender to prove being a person. The message did reach the recipient's
 * filter, and a person may still read it later, so it is an auto-reply: a resend would be
 * held the same way. Boxbe even wraps its notice in a delivery-status report
 * (BounceParser t/corpus/boxbe-cr.msg), so this check runs before the bounce rules.
 */
const CR_SENDER = /@(boxbe\.com|bluebottle\.com|spamarrest\.com|mailblocks\.com|sanebox\.com|choicemail\.com|ipermitmail\.com)\b/i;
const CR_HEADER = ['x-bluebottle-request', 'x-boxbe-state', 'x-spamarrest-challenge', 'x-challenge'];
const CR_WORDING =
  /(add yourself to my [\w ]{0,20}guest list|has been waitlisted|this (account|address|mailbox) is protected by|to have your address added to the recipient'?s allowed list|(verify|confirm) (that you are (a )?(real )?(person|human)|your (e-?mail )?address) (to|so that|and) .{0,40}deliver|awaiting (your )?(verification|confirmation) before delivery|i use (boxbe|spamarrest|choicemail))/i;

export function challengeResponse(p: ParsedInput): string | undefined {
  if (p.bodyOnly) return undefined;
  for (const h of CR_HEADER) if (header(p, h) !== undefined) return `challenge-response filter (${h} header)`;
  const from = `${header(p, 'from') ?? ''} ${header(p, 'return-path') ?? ''}`;
  const sender = CR_SENDER.exec(from)?.[1];
  const text = `${p.text}\n${p.html ?? ''}`.slice(0, 20_000);
  const wording = CR_WORDING.exec(text)?.[0];
  if (sender && wording) return `challenge-response filter (${sender}: "${wording}")`;
  // These services send nothing but their verification requests (noreply@boxbe.com).
  if (sender && /^(boxbe\.com|spamarrest\.com|mailblocks\.com|choicemail\.com|ipermitmail\.com)$/i.test(sender)) return `challenge-response filter (sent by ${sender})`;
  if (wording && /\b(boxbe|bluebottle|spamarrest|choicemail|mailblocks)\b/i.test(text)) return `challenge-response filter ("${wording}")`;
  return undefined;
}
