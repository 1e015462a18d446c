import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMessage, extractReturnDate } from '../../src/replies/classify/index.js';

// Return dates of out-of-office replies, resolved against the message Date.
const ROOT = path.join(import.meta.dirname, '../fixtures/replies/auto_reply');

describe('return date on the auto-reply fixtures', () => {
  it('rfc3834-01 "returning to the office on May 5th", sent 29 Apr 2005', async () => {
    const c = await classifyMessage(readFileSync(path.join(ROOT, 'sisimai_rfc3834-01.eml')));
    expect(c.kind).toBe('auto_reply');
    expect(c.autoReply?.returnDate).toBe('2005-05-05');
  });
  it('rfc3834-03 Apple vacation window (X-Apple-Criteria endDate)', async () => {
    const c = await classifyMessage(readFileSync(path.join(ROOT, 'sisimai_rfc3834-03.eml')));
    expect(c.autoReply?.returnDate).toBe('2020-01-10');
  });
  it('rfc3834-02 "out of the office Friday" states no return date', async () => {
    const c = await classifyMessage(readFileSync(path.join(ROOT, 'sisimai_rfc3834-02.eml')));
    expect(c.kind).toBe('auto_reply');
    expect(c.autoReply).toEqual({});
  });
});

// Reference day: Wednesday 27 November 2024.
const REF = new Date('2024-11-27T10:00:00Z');
const CASES: Array<[string, string, string | undefined]> = [
  ['en', 'I am out of the office. I will be back on 3 December.', '2024-12-03'],
  ['en', 'I am away, returning Monday, January 6th, 2025.', '2025-01-06'],
  ['en', 'Out of office until 12/03/2024 with limited access to email.', '2024-12-03'],
  ['en', 'I will return on Monday.', '2024-12-02'],
  ['en', 'I am on leave through Jan 10 and back in the office after that.', '2025-01-10'],
  ['en', 'I am out of the office with limited access to email.', undefined],
  ['de', 'Ich bin bis zum 3. Dezember 2024 nicht im Büro.', '2024-12-03'],
  ['de', 'Ich bin vom 28.11. bis 06.01.2025 im Urlaub und ab dem 7. Januar wieder erreichbar.', '2025-01-07'],
  ['fr', "Je suis absente jusqu'au 3 décembre. De retour le mardi 3 décembre.", '2024-12-03'],
  ['fr', "Absent jusqu'au 12/03/2025.", '2025-03-12'],
  ['es', 'Estoy fuera de la oficina hasta el 3 de diciembre de 2024.', '2024-12-03'],
  ['es', 'Estaré de vacaciones; regreso el lunes 6 de enero.', '2025-01-06'],
  ['pt', 'Estou de férias até 6 de janeiro de 2025.', '2025-01-06'],
  ['it', 'Sono fuori ufficio fino al 3 dicembre.', '2024-12-03'],
  ['nl', 'Ik ben afwezig tot en met 3 december.', '2024-12-03'],
  ['nl', 'Ik ben met vakantie, vanaf maandag 6 januari ben ik weer op kantoor.', '2025-01-06'],
];

describe('extractReturnDate', () => {
  it.each(CASES)('%s: %s', (_lang, text, want) => {
    expect(extractReturnDate(text, REF)).toBe(want);
  });

  it('resolves a date without a year to the next such day after the message date', () => {
    expect(extractReturnDate('Back on 5 January.', new Date('2024-12-20T00:00:00Z'))).toBe('2025-01-05');
  });

  it('uses opts.now when the message has no Date header', async () => {
    const msg = 'From: dr.x@hospital.example\nTo: me@example.org\nSubject: Automatic reply: Research\nAuto-Submitted: auto-replied\n\nI am away and will be back on Monday.\n';
    const c = await classifyMessage(msg, { now: REF });
    expect(c.kind).toBe('auto_reply');
    expect(c.autoReply?.returnDate).toBe('2024-12-02');
  });
});
