import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../src/replies/classify/index.js';

// Classification of every labelled fixture : at least 95% right, misses listed.
const ROOT = path.join(import.meta.dirname, '../fixtures/replies');

/** labels.csv rows: file, kind (quoted fields may hold commas). */
function labels(): Array<{ file: string; kind: string }> {
  const lines = readFileSync(path.join(ROOT, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const [file = '', kind = ''] = l.split(',');
    return { file, kind };
  });
}

const expectedKind = (label: string): string => (label === 'human_reply' ? 'reply' : label);

describe('classification over the labelled fixtures', () => {
  it('gets at least 95% of labels.csv right and lists every miss', async () => {
    const rows = labels();
    expect(rows.length).toBe(46);
    const misses: Array<{ file: string; expected: string; got: string; reasons: string }> = [];
    for (const { file, kind } of rows) {
      const c = await classifyMessage(readFileSync(path.join(ROOT, file)));
      if (c.kind !== expectedKind(kind)) misses.push({ file, expected: expectedKind(kind), got: c.kind, reasons: c.reasons.join('; ') });
    }
    const accuracy = (rows.length - misses.length) / rows.length;
    console.log(`classification accuracy: ${(accuracy * 100).toFixed(1)}% (${rows.length - misses.length}/${rows.length}), misses: ${misses.length}`);
    if (misses.length > 0) console.table(misses);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('counts body-only .txt and .html files as replies', async () => {
    const bodies = labels().filter((r) => /\.(txt|html)$/.test(r.file));
    expect(bodies.length).toBe(11);
    for (const { file } of bodies) {
      const c = await classifyMessage(readFileSync(path.join(ROOT, file)));
      expect(c.kind, file).toBe('reply');
      expect(c.reasons[0]).toMatch(/body-only/);
    }
  });

  it('fills the header fields of a full message', async () => {
    const c = await classifyMessage(readFileSync(path.join(ROOT, 'human_reply/talon_apple_mail_2.eml')));
    expect(c).toMatchObject({
      kind: 'reply',
      messageId: '<68001B29-8EA4-444C-A894-0537D2CA5208@tictail.com>',
      inReplyTo: '<CABzQGhkMXDxUt_tSVQcg=43aniUhtsVfCZVzu-PG0kwS_uzqMw@mail.gmail.com>',
      references: ['<CABzQGhkMXDxUt_tSVQcg=43aniUhtsVfCZVzu-PG0kwS_uzqMw@mail.gmail.com>'],
      from: 'adam@tictail.com',
      subject: 'Re: Hello there',
      date: '2015-08-22T17:22:20.000Z',
    });
  });

  it('reads our X-Outreach headers on a reply that kept them', async () => {
    const raw = readFileSync(path.join(ROOT, 'human_reply/talon_apple_mail.eml'), 'utf8');
    const withOurs = `X-Outreach-Campaign: fall-2025\nX-Outreach-Contact: c-42\n${raw}`;
    const c = await classifyMessage(withOurs);
    expect(c.kind).toBe('reply');
    expect(c.outreachCampaign).toBe('fall-2025');
    expect(c.outreachContact).toBe('c-42');
  });

  it('treats a success DSN as other, not a bounce', async () => {
    const raw = readFileSync(path.join(ROOT, 'bounce/sisimai_rfc3464-01.eml'), 'utf8').replace('Action: failed', 'Action: delivered').replace('Status: 5.1.1', 'Status: 2.0.0');
    const c = await classifyMessage(raw);
    expect(c.kind).toBe('other');
    expect(c.reasons.join(' ')).toMatch(/delivered/);
  });
});
