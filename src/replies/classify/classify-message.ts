import type { Classification, ClassifyOptions } from './types.js';
import { header, parseInput, type ParsedInput } from './parse.js';
import { detectBounce } from './detect-bounce.js';
import { detectAutoReply } from './detect-auto-reply.js';
import { extractReturnDate, returnDateFromHeaders } from './return-date.js';
import { stripQuoted } from './strip-quoted.js';
import { extractVisibleFromHtml, htmlToText } from './html-visible.js';
import { replyHint } from './reply-hint.js';
import { findReturnedHeaders, ownHeaders, returnedRecipient } from './returned-headers.js';
import { challengeResponse } from './challenge-response.js';
import { machineSigns } from './machine-signs.js';
import { ownWords } from './own-words.js';

/**
 * Classifies one message: parse → challenge-response? → bounce? → auto-reply? → machine mail?
 * → strip quotes, signature and footers → reply hint.
 * Challenge-response comes first because Boxbe wraps its request in a delivery-status report;
 * bounces next because many carry Auto-Submitted too (RFC 3464 §2 / RFC 3834 §5). Mail with any
 * machine sign (machine-signs.ts) that is neither is "other": never a person's reply.
 * Body-only input (no header block, or opts.bodyOnly) is a person's reply by definition.
 */
export async function classifyMessage(input: Buffer | string, opts: ClassifyOptions = {}): Promise<Classification> {
  const p = await parseInput(input, opts);
  const base = baseFields(p);

  const cr = challengeResponse(p);
  const b = cr ? { verdict: 'none' as const, reasons: [] } : detectBounce(p);
  if (b.verdict === 'bounce' && b.bounce) {
    const returned = findReturnedHeaders(p);
    const bounce = { ...b.bounce };
    // No delivery report and no address in the notice: the returned copy's To: is the one.
    if (!bounce.recipient) {
      const to = returnedRecipient(p);
      if (to) bounce.recipient = to;
    }
    return { ...base, ...ownHeaders(p), ...returned, kind: 'bounce', bounce, reasons: b.reasons };
  }
  if (b.verdict === 'not_bounce') return { ...base, ...ownHeaders(p), kind: 'other', reasons: b.reasons };

  const visible = visibleText(p);
  const autoReasons = detectAutoReply(p, visible, cr ?? null);
  if (autoReasons.length > 0) {
    const ref = p.date ?? opts.now ?? new Date();
    const fullText = `${p.subject ?? ''}\n${p.text || htmlToText(p.html ?? '')}`;
    const returnDate = returnDateFromHeaders(header(p, 'x-apple-criteria')) ?? extractReturnDate(fullText, ref);
    return { ...base, ...ownHeaders(p), kind: 'auto_reply', autoReply: returnDate ? { returnDate } : {}, reasons: autoReasons };
  }

  const machine = machineSigns(p);
  if (machine.length > 0) {
    return { ...base, ...ownHeaders(p), kind: 'other', reasons: ['machine mail, not a person: ' + machine.join('; ')] };
  }

  if (!p.bodyOnly && visible.trim() === '') {
    return { ...base, ...ownHeaders(p), kind: 'other', reasons: ['no visible text after removing the quoted history'] };
  }
  const hint = replyHint(ownWords(visible));
  const reasons = [p.bodyOnly ? 'body-only input: a person\'s reply' : 'no bounce or auto-reply signs: a person\'s reply'];
  reasons.push(hint.rule ? `hint ${hint.hint}: "${hint.rule}"` : 'hint neutral: no rule matched');
  return { ...base, ...ownHeaders(p), kind: 'reply', reply: { text: visible, hint: hint.hint }, reasons };
}

/** The reply as the person wrote it: text/plain preferred, HTML when that is all there is. */
function visibleText(p: ParsedInput): string {
  if (p.text.trim() !== '') return stripQuoted(p.text);
  if (p.html) return extractVisibleFromHtml(p.html);
  return '';
}

function baseFields(p: ParsedInput): Classification {
  const c: Classification = { kind: 'other', references: p.references, reasons: [] };
  if (p.messageId) c.messageId = p.messageId;
  if (p.inReplyTo) c.inReplyTo = p.inReplyTo;
  if (p.from) c.from = p.from;
  if (p.subject) c.subject = p.subject;
  if (p.date) c.date = p.date.toISOString();
  return c;
}
