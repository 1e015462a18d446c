import { describe, expect, it } from 'vitest';
import { classifyMessage, replyHint } from '../../src/replies/classify/index.js';

// Rule-based reply hints; precedence opt_out > referral > negative > positive.
const CASES: Array<[string, string]> = [
  ['opt_out', 'Please remove me from your mailing list.'],
  ['opt_out', 'Do not contact me again.'],
  ['opt_out', 'Unsubscribe'],
  ['opt_out', 'Stop emailing me, thank you.'],
  ['referral', 'You should contact my colleague Dr. Patel, who runs the MSK imaging projects.'],
  ['referral', 'Please reach out to Dr. Kim in neuroradiology.'],
  ["referral", "I'm cc'ing our research coordinator."],
  ['negative', 'Thank you for your interest, but I have no capacity this year.'],
  ['negative', 'I am not taking students at the moment.'],
  ['negative', 'Unfortunately we are unable to take on visiting researchers.'],
  ['negative', 'There are no positions available right now.'],
  ['positive', 'Happy to chat next week.'],
  ["positive", "Let's talk on Tuesday."],
  ['positive', 'Could we schedule a call on Friday?'],
  ['positive', 'I am interested; please send me your CV.'],
  ['neutral', 'Thanks for your email. Which year did you graduate?'],
];

describe('replyHint', () => {
  it.each(CASES)('%s: %s', (hint, text) => {
    expect(replyHint(text).hint).toBe(hint);
  });

  it('opt_out wins over everything else', () => {
    expect(replyHint("Happy to chat, but contact my colleague; actually, please remove me from this list.").hint).toBe('opt_out');
  });
  it('referral wins over negative and positive', () => {
    expect(replyHint('I am not taking students, but reach out to Dr. Lee, who would be happy to chat.').hint).toBe('referral');
  });
  it('negative wins over positive ("not interested" is not interest)', () => {
    expect(replyHint('I am not interested, but happy to chat some other time.').hint).toBe('negative');
  });

  it('reads only the visible reply, not the quoted ask', async () => {
    const msg = [
      'From: Dr. X <x@hospital.example>',
      'To: me@example.org',
      'Subject: Re: Research opportunity',
      'Date: Tue, 3 Dec 2024 10:00:00 -0500',
      '',
      'Sorry, I am not taking students this year.',
      '',
      'On Mon, Dec 2, 2024 at 9:00 AM Applicant <me@example.org> wrote:',
      '> Would you be happy to chat or schedule a call?',
    ].join('\n');
    const c = await classifyMessage(msg);
    expect(c.kind).toBe('reply');
    expect(c.reply).toEqual({ text: 'Sorry, I am not taking students this year.', hint: 'negative' });
    expect(c.reasons.join(' ')).toMatch(/hint negative/);
  });
});

describe('a person writing from vacation', () => {
  it('is a reply, not an auto-reply, when only the body mentions the vacation', async () => {
    const msg = [
      'From: Dr. X <x@hospital.example>',
      'To: me@example.org',
      'Subject: Re: Research opportunity',
      'Date: Tue, 3 Dec 2024 10:00:00 -0500',
      '',
      'I am on vacation this week, but happy to chat when I am back.',
    ].join('\n');
    const c = await classifyMessage(msg);
    expect(c.kind).toBe('reply');
    expect(c.reply?.hint).toBe('positive');
  });
});
