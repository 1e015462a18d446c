// A/B variants: defined in the config or the template's front matter, assigned round-robin in
// import order (counts differ by at most one), stored once and never changed by re-runs,
// re-imports or a reordered variant list; rendered into the subject and the named parts.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CampaignReader } from '../../src/campaign/campaign-reader.js';
import { importRows } from '../../src/campaign/contacts-store.js';
import { loadProject } from '../../src/config/load.js';
import { queueCampaign } from '../../src/queue/queue-campaign.js';
import { SendQueue } from '../../src/queue/send-queue.js';
import { lintContact } from '../../src/render/lint.js';
import { MessageRenderer } from '../../src/render/message-renderer.js';
import { readContactsCsv } from '../../src/sources/csv-contacts.js';
import { contactsCsv, editConfig, makeProject, type TestProject } from '../helpers/project.js';

let p: TestProject | undefined;
afterEach(async () => { await p?.cleanup(); p = undefined; });

/** Lays `patch` over the top-level keys of the config, then loads the project again. */
function setConfig(t: TestProject, patch: Record<string, unknown>) {
  editConfig(t, (c) => Object.assign(c, patch));
  return loadProject(t.dir, t.env);
}

async function importAndQueue(t: TestProject, n: number, project = t.project) {
  const csv = t.writeCsv('data/m.csv', contactsCsv(n));
  await importRows(t.redis, t.keys, 'ab', csv, readContactsCsv(csv));
  const queue = new SendQueue(t.redis, t.keys, project.config.sender.email, project.config.retry);
  await queueCampaign({ redis: t.redis, keys: t.keys, config: project.config, renderer: MessageRenderer.load(project, t.profile), queue }, 'ab', { noPacing: true });
  await queue.close();
  return new CampaignReader(t.redis, t.keys, 'ab').all();
}

const tally = (xs: { variant?: string }[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x.variant ?? '-']: (m[x.variant ?? '-'] ?? 0) + 1 }), {});

describe('A/B variants', () => {
  it('round-robin in import order; stored, so re-runs, re-imports and a reordered list change nothing', async () => {
    p = await makeProject();
    const project = setConfig(p, { variants: [{ name: 'A' }, { name: 'B', subject: 'Question about your {{topic}} work' }, { name: 'C' }] });
    const first = await importAndQueue(p, 7, project);
    expect(first.map((c) => c.variant)).toEqual(['A', 'B', 'C', 'A', 'B', 'C', 'A']);
    expect(tally(first)).toEqual({ A: 3, B: 2, C: 2 }); // differ by at most one

    // Ten rows now (the first seven again, three new), and the list reordered: old ones keep theirs.
    const reordered = setConfig(p, { variants: [{ name: 'C' }, { name: 'B', subject: 'Question about your {{topic}} work' }, { name: 'A' }] });
    const again = await importAndQueue(p, 10, reordered);
    expect(again.slice(0, 7).map((c) => c.variant)).toEqual(first.map((c) => c.variant));
    expect(again.slice(7).map((c) => c.variant)).toEqual(['B', 'A', 'C']); // positions 8, 9, 10 of [C, B, A]
    expect(Object.values(tally(again)).sort()).toEqual([3, 3, 4]);
  });

  it('front matter variants change the subject and a named part; the first is the template as written', async () => {
    p = await makeProject();
    const file = path.join(p.dir, 'templates/outreach.hbs');
    const src = readFileSync(file, 'utf8');
    writeFileSync(file, src.replace(/^---\nsubject: (.*)\n---/, [
      '---', 'subject: $1', 'variants: plain, short-ask',
      'variant short-ask subject: {{topic}} research: could I help?',
      'variant short-ask ask: Could we have a 15-minute call next week?', '---',
    ].join('\n')));
    const renderer = MessageRenderer.load(p.project, p.profile);
    expect(renderer.variantNames).toEqual(['plain', 'short-ask']);
    const csv = p.writeCsv('data/m.csv', contactsCsv(2));
    await importRows(p.redis, p.keys, 'ab', csv, readContactsCsv(csv));
    const [c] = await new CampaignReader(p.redis, p.keys, 'ab').all();
    const plain = renderer.renderText({ ...c!, variant: 'plain' }, 0);
    const short = renderer.renderText({ ...c!, variant: 'short-ask' }, 0);
    expect(plain.subject).toBe('Interest in helping with your neuro imaging research');
    expect(short.subject).toBe('neuro research: could I help?');
    expect(short.parts.ask).toBe('Could we have a 15-minute call next week?');
    expect(plain.parts.ask).toBe(p.profile.ask);
    // Only the ask changed: every other part reads the same.
    for (const part of ['introduction', 'interest', 'skills', 'flexibility']) expect(short.parts[part]).toBe(plain.parts[part]);
    expect(short.text).not.toContain(p.profile.ask);
  });

  it('a variant naming a part the template lacks is a lint problem, not a silent no-op', async () => {
    p = await makeProject();
    const project = setConfig(p, { variants: [{ name: 'A' }, { name: 'B', parts: { closing: 'Thanks!' } }] });
    const csv = p.writeCsv('data/m.csv', contactsCsv(2));
    await importRows(p.redis, p.keys, 'ab', csv, readContactsCsv(csv));
    const [, second] = await new CampaignReader(p.redis, p.keys, 'ab').all();
    const problems = lintContact(MessageRenderer.load(project, p.profile), 'ab', { ...second!, variant: 'B' });
    expect(problems.map((x) => x.reason)).toContain('variant B: the template has no part "closing"');
  });
});
