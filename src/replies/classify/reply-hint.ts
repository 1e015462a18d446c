import type { ReplyHint } from './types.js';

/**
 * Rule-based hint for a human reply, read from the visible text only (quoted history would
 * echo our own ask). Checked in precedence order, first match wins:
 * 1. opt_out: the person asks not to be written to again. It must win over everything: a
 *    suppression is permanent and ignoring one is the costly mistake.
 * 2. referral: the person points to someone else ("contact my colleague", "reach out to
 *    Dr. X", "cc'ing"); the applicant should write to that person, so it beats a "no".
 * 3. negative: no capacity, not taking students, no positions.
 * 4. positive: interest, "let's talk", a call or meeting, "send me your CV".
 * 5. neutral: anything else (a question, thanks).
 * Negated positives ("not interested") are caught by the negative rules first.
 */
const RULES: Array<[ReplyHint, RegExp]> = [
  [
    'opt_out',
    /\b(please remove (me|my (e-?mail|address|name))|remove me from|take me off|do not (contact|email|e-mail|write to) me|don'?t (contact|email|e-mail|write to) me|do not contact|unsubscribe|stop (emailing|e-?mailing|sending|contacting|writing)|no (more|further) (e-?mails|messages|contact)|opt(-| )?out)\b/i,
  ],
  [
    'referral',
    /\b(contact my (colleague|collaborator|coordinator|assistant|fellow)|reach out to (dr\.?|prof(essor)?\.?|my|our)\b|(write|speak|talk) to (dr\.?|prof(essor)?\.?|my colleague)|get in touch with (dr\.?|prof(essor)?\.?|my|our)|(cc'?ing|cc-ing|copying|looping in|i have (cc'?d|copied|added))|forwarded your (e-?mail|message|cv|request) to|better (person|fit) (to|would be)|you (may|might|should) (want to )?(contact|ask|email|reach out to))/i,
  ],
  [
    'negative',
    /\b(no capacity|(don'?t|do not) have (the )?(capacity|space|room|funding|positions?|openings?|bandwidth)|not (currently )?(taking|accepting|able to take|in a position to (take|offer|accept))|unable to (take on|offer|accept|host|supervise)|cannot (take on|offer|accept|host|supervise)|can'?t (take on|offer|accept|host|supervise)|no (open )?(positions?|openings?|spots?|funding) (available|at (this|the moment))|no (positions?|openings?|spots?)\b|not interested|not a good fit|(lab|group|team) is (currently )?full|unfortunately,? (i|we) (cannot|can'?t|am unable|are unable|won'?t|will not|do not|don'?t))/i,
  ],
  [
    'positive',
    /\b(happy to (chat|talk|meet|help|discuss|connect)|glad to (chat|talk|meet|help)|let'?s (talk|chat|meet|set up|schedule|find a time)|schedule (a|an) (call|meeting|zoom|time)|set up (a|an) (call|meeting|zoom|time)|(a|an) (zoom|phone|video) (call|meeting)|(i am|i'm|we are|we're|would be) (very )?interested|interested in (having|working|your)|send (me )?(your|a) (cv|resume|curriculum vitae|c\.v\.)|would (love|like) to (chat|talk|meet|hear more)|(available|free) (for a call|to (chat|talk|meet)))/i,
  ],
];

/**
 * RULES with the g flag, built once, for matchAll (which works on its own copy of the regex,
 * so these keep lastIndex 0; nothing calls exec or test on them).
 */
const GLOBAL_RULES: ReadonlyArray<readonly [ReplyHint, RegExp]> = RULES.map(([hint, re]) => [hint, new RegExp(re.source, 'gi')] as const);

/** "Please do not remove me", "don't unsubscribe me": the opposite of an opt-out. */
const NEGATED = /\b(do not|don'?t|never|no need to|please don'?t)\s+(\w+\s+)?$/i;

/** The hint and the rule that gave it. */
export function replyHint(visibleText: string): { hint: ReplyHint; rule?: string } {
  const text = visibleText.replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
  for (const [hint, re] of GLOBAL_RULES) {
    for (const m of text.matchAll(re)) {
      if (hint === 'opt_out' && NEGATED.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
      return { hint, rule: m[0] };
    }
  }
  return { hint: 'neutral' };
}
