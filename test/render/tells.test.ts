import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredContact } from '../../src/campaign/stored-contact.js';
import { initProject } from '../../src/cli/commands/init.js';
import { loadProfile, loadProject } from '../../src/config/load.js';
import { MessageRenderer } from '../../src/render/message-renderer.js';
import { campaignTells, formatTell, sentences, textTells } from '../../src/render/tells.js';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('textTells', () => {
  // Each body is what the earlier starter template printed for a real discover row (the tells a professor notices first).
  const cases: [why: string, subject: string, body: string, row: Record<string, string>, expected: RegExp[]][] = [
    ['a field ending in "imaging" before the template\'s "imaging"', 'Hello', 'I have been following your group\'s cardiac imaging imaging research at X.', {}, [/^body: doubled word "imaging imaging"/]],
    ['the doubled word is found after a non-matching pair too', 'Hello', 'Your cardiac imaging imaging work.', {}, [/doubled word "imaging imaging"/]],
    ['PubMed\'s period left inside the quotes, then the sentence goes on', 'Hello', 'I recently read your paper "Evolution of Stroke Thrombectomy Techniques to Optimize First-Pass Complete Reperfusion." in Seminars in interventional radiology (2020), and it is the kind of work I like.', { recent_paper_year: '2020' }, [/^body: punctuation left inside quotes/, /^body: says "recent" but the paper is from 2020/]],
    ['a question mark and then a comma', 'Hello', 'I read your paper "Is cryopreservation a homogeneous process?", and liked it.', {}, [/^body: punctuation left inside quotes/]],
    ['the old one-sentence introduction of about 50 words', 'Hello', 'My name is Dr. Sample Applicant, and I graduated from Sample Medical College in 2024 and am an international medical graduate applying to U.S. diagnostic radiology, and I have passed USMLE Step 1 and Step 2 CK and am ECFMG certified and am currently based in Chicago, IL, and available to work remotely.', {}, [/^body: a sentence of 5\d words \(over 35\)/]],
    ['"recently" for a 2013 paper', 'Hello', 'I recently read your paper "Something" in Radiology (2013).', { recent_paper_year: '2013' }, [/says "recent" but the paper is from 2013/]],
    ['the old subject with a two-word topic', 'Prospective IMG collaborator interested in cardiac imaging radiology research', 'Fine.', {}, [/^subject: 77 characters \(over 70/]],
    ['a clean sentence: no tell', 'Interest in helping with your cardiac imaging research', 'I read your recent paper in Radiology, "CMR-based cardiac phenotyping in different forms of heart failure." It is the kind of work I hope to do.', { recent_paper_year: '2025' }, []],
    ['American style: a comma inside quotes is right', 'Hello', 'Your paper, "Marine Heatwaves," was clear.', {}, []],
    ['"recent" for a paper within two years is fine', 'Hello', 'I read your recent paper.', { recent_paper_year: '2024' }, []],
    ['"Dr." and "U.S." do not end sentences; a long title counts as one word', 'Hello', 'I read Dr. Goyal\'s U.S. paper "Institutional and provider variations for mechanical thrombectomy in the treatment of acute ischemic stroke: a survey analysis." It is good.', {}, []],
  ];
  it.each(cases)('%s', (_why, subject, body, row, expected) => {
    const got = textTells(subject, body, row, NOW).map((t) => `${t.field}: ${t.reason}`);
    expect(got).toHaveLength(expected.length);
    for (const re of expected) expect(got.some((g) => re.test(g)), `${re} in ${JSON.stringify(got)}`).toBe(true);
  });

  it('splits sentences at the end of a quoted title, not inside it', () => {
    expect(sentences('I read "A. B? C." It is good. Dr. X agreed.')).toHaveLength(3);
  });
});

function starter(template?: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'outreach-tells-'));
  initProject(dir);
  if (template) writeFileSync(path.join(dir, 'templates/outreach.hbs'), template);
  const p = loadProject(dir, {});
  return MessageRenderer.load(p, loadProfile(p));
}

const contact = (i: number, row: Record<string, string> = {}): StoredContact => ({
  id: `c${i}`, email: `m${i}@example.org`, source: `data/x.csv:${i + 1}`,
  row: { first_name: 'Ada', last_name: `Last${i}`, email: `m${i}@example.org`, institution: `Example University ${i}`, topic: 'cardiac imaging', ...row } as StoredContact['row'],
});

// Real rows from discover on test/fixtures/pubmed (nbib_pubmed-balloongui-set.nbib, metapub_38878148.xml).
const goyal = contact(1, { institution: 'University of Calgary', topic: 'cardiac imaging', recent_paper_title: 'Evolution of Stroke Thrombectomy Techniques to Optimize First-Pass Complete Reperfusion.', recent_paper_journal: 'Seminars in interventional radiology', recent_paper_year: '2020' });
const schuster = contact(2, { institution: 'German Centre of Cardiovascular Research (DZHK)', topic: 'cardiac imaging', recent_paper_title: 'CMR-based cardiac phenotyping in different forms of heart failure.', recent_paper_journal: 'The international journal of cardiovascular imaging', recent_paper_year: '2024' });

describe('campaignTells', () => {
  it('the earlier starter template shows every tell lint knows; the new one none', async () => {
    const { readFileSync } = await import('node:fs');
    const old = readFileSync(path.join(import.meta.dirname, '../fixtures/templates/outreach-before.hbs'), 'utf8');
    const lines = campaignTells(starter(old), [goyal, schuster], NOW).map((t) => formatTell('c', t));
    const text = lines.join('\n');
    expect(text).toMatch(/m1@example.org: c first email: body: doubled word "imaging imaging"/);
    expect(text).toMatch(/m1@example.org: c first email: body: punctuation left inside quotes/);
    expect(text).toMatch(/m1@example.org: c first email: body: says "recent" but the paper is from 2020/);
    expect(text).toMatch(/m1@example.org: c first email: subject: 77 characters/);
    expect(text).toMatch(/c first email: body: a sentence of \d+ words/);
    expect(lines.every((l) => l.startsWith('warning: '))).toBe(true);
    expect(campaignTells(starter(), [goyal, schuster], NOW)).toEqual([]);
  });

  it('the starter subject stays under 70 characters for two-word topics, even long ones', () => {
    const r = starter();
    for (const topic of ['breast MRI', 'cardiac imaging', 'musculoskeletal radiology', 'interventional neuroradiology', 'cardiothoracic imaging', 'pediatric neuroradiology']) {
      const subject = r.renderText(contact(1, { topic }), 0, NOW).subject;
      expect(subject.length, subject).toBeLessThan(70);
      expect(textTells(subject, '', {}, NOW)).toEqual([]);
    }
  });

  it('the same opening for 5+ contacts without papers is a tell; with 4, or with papers, it is not', () => {
    const r = starter();
    const bare = [1, 2, 3, 4, 5].map((i) => contact(i));
    const tells = campaignTells(r, bare, NOW);
    expect(tells).toHaveLength(1);
    expect(formatTell('c', tells[0]!)).toMatch(/^warning: c first email: opening: all 5 contacts get the same opening line \("My name is Dr\. Sample Applicant\."\) and 5 of 5 rows have no recent_paper_title/);
    expect(campaignTells(r, bare.slice(0, 4), NOW)).toEqual([]);
    const withPapers = bare.map((c, i) => (i < 3 ? { ...c, row: { ...c.row, recent_paper_title: `Paper ${i}.`, recent_paper_journal: 'Radiology', recent_paper_year: '2025' } } : c));
    expect(campaignTells(r, withPapers, NOW)).toEqual([]);
  });
});
