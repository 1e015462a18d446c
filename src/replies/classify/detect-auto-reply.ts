import { header, type ParsedInput } from './parse.js';
import { OOO_BODY, OOO_SUBJECT } from './ooo-phrases.js';
import { autoResponderHeader, autoSubmitted } from './machine-signs.js';
import { challengeResponse } from './challenge-response.js';

/**
 * Step 3 of the data flow: is this an automatic answer (out-of-office, vacation, autoresponder)?
 * Returns the rules that fired; none means "not an auto-reply".
 * - Challenge-response filters (Boxbe, Bluebottle...): they ask the sender to verify.
 * - RFC 3834 §5: Auto-Submitted with any value but "no" marks automatic mail.
 * - De-facto headers: X-Autoreply, X-Autorespond (also X-Autoresponder), X-Vacation,
 *   X-Apple-Action: VACATION, X-MS-Exchange-Inbox-Rules-Loop / -Generated-Message-Source
 *   (Exchange rules and OOF), X-Auto-Response-Suppress together with OOO wording.
 * - Precedence: auto_reply always; bulk/junk/list only with out-of-office wording, since
 *   mailing lists send Precedence: bulk too.
 * - Out-of-office subjects in several languages; opening sentences only add to another sign.
 * `challenge` is challengeResponse(p) when the caller already has it (null: none found);
 * when absent it is computed here.
 */
export function detectAutoReply(p: ParsedInput, visibleText: string, challenge?: string | null): string[] {
  if (p.bodyOnly) return [];
  const reasons: string[] = [];
  const cr = challenge === undefined ? challengeResponse(p) : challenge;
  if (cr) reasons.push(cr);
  const auto = autoSubmitted(p);
  if (auto) reasons.push(auto);
  const xAuto = autoResponderHeader(p);
  if (xAuto) reasons.push(xAuto);
  if (/vacation|autorep/i.test(header(p, 'x-apple-action') ?? '')) reasons.push('X-Apple-Action: VACATION');
  if (header(p, 'x-ms-exchange-inbox-rules-loop') !== undefined) reasons.push('X-MS-Exchange-Inbox-Rules-Loop (Exchange rule reply)');
  if (/oof|auto|rules/i.test(header(p, 'x-ms-exchange-generated-message-source') ?? '')) reasons.push('X-MS-Exchange-Generated-Message-Source');
  const subjectOoo = OOO_SUBJECT.exec(stripReplyPrefix(p.subject ?? ''))?.[0];
  const opening = visibleText.split('\n').slice(0, 8).join(' ');
  const bodyOoo = OOO_BODY.exec(opening)?.[0];
  const wording = subjectOoo ?? bodyOoo;
  const precedence = header(p, 'precedence')?.toLowerCase();
  if (precedence === 'auto_reply') reasons.push('Precedence: auto_reply');
  else if (precedence && /^(bulk|junk|list)$/.test(precedence) && wording) reasons.push(`Precedence: ${precedence} with out-of-office wording`);
  if (header(p, 'x-auto-response-suppress') && wording) reasons.push('X-Auto-Response-Suppress with out-of-office wording');
  if (subjectOoo) reasons.push(`out-of-office subject "${subjectOoo}"`);
  // Wording in the body alone is not enough: a mentor may answer "I am on vacation, but happy
  // to chat", and taking a person's answer for an auto-reply would let a follow-up go out.
  if (bodyOoo && reasons.length > 0) reasons.push(`out-of-office wording "${bodyOoo}"`);
  return reasons;
}

/** A person's "Re: Away until May" answer is still an answer; judge the subject they wrote. */
function stripReplyPrefix(subject: string): string {
  return /^\s*(re|aw|sv|antw|r|rif|res)\s*:/i.test(subject) ? '' : subject;
}
