import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredContact } from '../../src/campaign/stored-contact.js';
import { initProject } from '../../src/cli/commands/init.js';
import { loadProfile, loadProject } from '../../src/config/load.js';
import { MessageRenderer } from '../../src/render/message-renderer.js';
import { quoteBelow } from '../../src/render/quote-original.js';

function renderer() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outreach-followup-'));
  initProject(dir);
  const p = loadProject(dir, {});
  return MessageRenderer.load(p, loadProfile(p));
}

// A real discover row (test/fixtures/pubmed/medline/nbib_pubmed-balloongui-set.nbib), with a zone added.
const goyal: StoredContact = {
  id: 'c1', email: 'mgoyal@ucalgary.ca', source: 'data/d.csv:3',
  row: {
    first_name: 'Mayank', last_name: 'Goyal', email: 'mgoyal@ucalgary.ca', institution: 'University of Calgary', topic: 'stroke imaging',
    timezone: 'America/Chicago',
    recent_paper_title: 'Evolution of Stroke Thrombectomy Techniques to Optimize First-Pass Complete Reperfusion.',
    recent_paper_journal: 'Seminars in interventional radiology', recent_paper_year: '2020',
  } as StoredContact['row'],
};

describe('follow-ups are replies that quote the first email', () => {
  it('quoteBelow writes the attribution line and "> " lines the way mail programs do', () => {
    const out = quoteBelow('Short note.\n', { text: 'Dear Dr. X,\n\nLine one.\nLine two.\n', sentAt: new Date('2026-11-24T16:14:00Z'), zone: 'America/New_York', from: { name: 'Ana Lima', address: 'ana@example.com' } });
    expect(out).toBe('Short note.\n\nOn Tue, Nov 24, 2026 at 11:14 AM, Ana Lima <ana@example.com> wrote:\n\n> Dear Dr. X,\n>\n> Line one.\n> Line two.\n');
  });

  it('the starter follow-up says "below", and the first email, as sent that day, is below it', () => {
    const r = renderer();
    const sentAt = Date.parse('2026-11-24T16:14:00Z');
    const first = r.renderText(goyal, 0, new Date(sentAt));
    const { rendered, message } = r.render('c', goyal, 1, { previous: ['<a@x>'], firstSubject: first.subject, firstSentAt: sentAt }, new Date('2026-12-01T16:00:00Z'));
    const [own, quoted] = rendered.text.split(/\n\nOn Tue, Nov 24, 2026 at 10:14 AM, Sample Applicant <applicant@example.com> wrote:\n\n/);
    expect(own).toMatch(/my note below/);
    expect(own!.split(/\s+/).length).toBeLessThan(60); // short
    expect(quoted).toBe(first.text.trimEnd().split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n') + '\n');
    expect(message.subject).toBe(`Re: ${first.subject}`);
    expect(message.inReplyTo).toBe('<a@x>');
    expect(message.attachments).toBeUndefined();
  });

  it('the first email is not quoted in itself', () => {
    const r = renderer();
    expect(r.render('c', goyal, 0).rendered.text).not.toMatch(/wrote:/);
  });
});
