import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMessage, extractVisibleFromHtml, stripQuoted } from '../../src/replies/classify/index.js';

// Quote stripping gives the expected visible reply of the talon and email_reply_parser fixtures.
const ROOT = path.join(import.meta.dirname, '../fixtures/replies');
const read = (f: string): string => readFileSync(path.join(ROOT, f), 'utf8');
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

async function visible(file: string): Promise<string> {
  const c = await classifyMessage(readFileSync(path.join(ROOT, file)));
  expect(c.kind, file).toBe('reply');
  return c.reply?.text ?? '';
}

describe('talon standard replies', () => {
  const hello = ['android', 'aol', 'apple_mail', 'apple_mail_2', 'comcast', 'gmail', 'hotmail', 'outlook', 'thunderbird', 'yahoo'];
  it.each(hello)('%s.eml comes out as "Hello"', async (name) => {
    expect(await visible(`human_reply/talon_${name}.eml`)).toBe('Hello');
  });
  it.each(['iphone', 'sparrow'])('%s.eml equals its expected/talon_*_reply_text.txt', async (name) => {
    expect(await visible(`human_reply/talon_${name}.eml`)).toBe(read(`expected/talon_${name}_reply_text.txt`).trim());
  });
  it('reply-quotations-share-block keeps the reply and drops the quoted header', async () => {
    const text = await visible('human_reply/talon_reply-quotations-share-block.eml');
    expect(text).toMatch(/^Hi Katharine\./);
    expect(text).toMatch(/Joe XXX$/);
    expect(text).not.toMatch(/From/);
  });
  it.each(['gmail', 'hotmail', 'ms_outlook_2010', 'thunderbird'])('html_replies/%s.html is "Hi. I am fine. Thanks, Alex"', async (name) => {
    expect(squash(await visible(`human_reply/talon_html_${name}.html`))).toBe('Hi. I am fine. Thanks, Alex');
    expect(squash(extractVisibleFromHtml(read(`human_reply/talon_html_${name}.html`)))).toBe('Hi. I am fine. Thanks, Alex');
  });
});

describe('email_reply_parser fixtures', () => {
  it('email_2_1: Outlook reply above a dashed rule', async () => {
    expect(await visible('human_reply/erp_email_2_1.txt')).toBe('Outlook with a reply');
  });
  it('email_2_2: Outlook reply directly above the underscore line', async () => {
    expect(await visible('human_reply/erp_email_2_2.txt')).toBe('Outlook with a reply directly above line');
  });
  it.each(['iPhone', 'BlackBerry'])('email_%s: the "Sent from my" signature goes', async (name) => {
    expect(await visible(`human_reply/erp_email_${name}.txt`)).toBe('Here is another email');
  });
  it('email_one_is_not_on: the text before "On Oct 1, 2012 ... wrote:" stays, the quote goes', async () => {
    expect(await visible('human_reply/erp_email_one_is_not_on.txt')).toBe(
      'Thank, this is really helpful.\n\nOne outstanding question I had:\n\nLocally (on development), when I run...',
    );
  });
  it('greedy_on: a sentence starting with "On" is not an attribution', async () => {
    const text = await visible('human_reply/erp_greedy_on.txt');
    expect(text).toMatch(/^On your remote host you can run:\n\n {5}telnet 127\.0\.0\.1 52698/);
    expect(text).toMatch(/the tunnel is not working\.$/);
    expect(text).not.toMatch(/George Plymale|port forwarding/);
  });
  it('email_1_2: the bottom-posted answer stays; the quote, its attribution and the list footer go', async () => {
    const text = await visible('human_reply/erp_email_1_2.txt');
    expect(text).toMatch(/^Hi,\n\nYou can list the keys/);
    expect(text).toMatch(/delete them all individually\."$/);
    expect(text).not.toMatch(/^>|Abhishek|riak-users mailing list/m);
  });
});

describe('stripQuoted rules', () => {
  it('removes a Gmail attribution split over two lines', () => {
    expect(stripQuoted('Sounds good.\n\nOn Mon, Apr 2, 2012 at 6:26 PM, Megan One <xxx@gmail.com>\nwrote:\n\n> Hi')).toBe('Sounds good.');
  });
  it('cuts at a forwarded message header', () => {
    expect(stripQuoted('FYI\n\n---------- Forwarded message ---------\nFrom: A <a@b.org>\nDate: today\n\nold text')).toBe('FYI');
  });
  it('handles German and French attributions', () => {
    expect(stripQuoted('Gerne.\n\nAm 02.04.2012 um 14:20 schrieb Bob <bob@example.com>:\n> Hallo')).toBe('Gerne.');
    expect(stripQuoted('Avec plaisir.\n\nLe 2 avr. 2012 à 14:20, Bob <bob@example.com> a écrit :\n> Bonjour')).toBe('Avec plaisir.');
  });
  it('cuts at an Outlook From/Sent block without a separator', () => {
    expect(stripQuoted('Yes, let us talk.\n\nFrom: Applicant <a@b.org>\nSent: Monday, May 5, 2025 9:00 AM\nTo: Dr. X\nSubject: Research\n\nDear Dr. X')).toBe('Yes, let us talk.');
  });
  it('keeps a "Sent from my iPhone" line that is followed by more of the reply', () => {
    expect(stripQuoted('Short answer\nSent from my iPhone\nPS: call me')).toBe('Short answer\nSent from my iPhone\nPS: call me');
  });
});
