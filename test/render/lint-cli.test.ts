import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findOnPath } from '../../src/render/spam-check.js';
import { makeProject, type TestProject } from '../helpers/project.js';

let p: TestProject | undefined;
afterEach(async () => {
  await p?.cleanup();
  p = undefined;
});

// Five rows with no paper and one topic that doubles "imaging": the earlier starter template's two worst tells.
const csv = (n: number, topic = 'neuro') =>
  ['first_name,last_name,email,institution,topic', ...Array.from({ length: n }, (_, i) => `Ana${i},Lima${i},m${i}@example.org,University of Calgary,${topic}`)].join('\n') + '\n';

describe('outreach lint: tells are warnings', () => {
  it('prints warning: lines, exits 0, and send queues the same; --strict makes them count', async () => {
    p = await makeProject();
    p.writeCsv('c.csv', csv(5, 'cardiac imaging'));
    expect(p.cli(['import', 'c.csv', '--campaign', 'c']).status).toBe(0);
    const lint = p.cli(['lint', '--campaign', 'c']);
    expect(lint.status).toBe(0);
    const warnings = lint.stdout.split('\n').filter((l) => l.startsWith('warning: '));
    expect(warnings).toEqual([expect.stringMatching(/^warning: c first email: opening: all 5 contacts get the same opening line/)]);
    expect(lint.stdout).toMatch(/no problems; 1 warning\(s\)/);

    const strict = p.cli(['lint', '--campaign', 'c', '--strict']);
    expect(strict.status).toBe(1);

    // --json keeps its shape (the problems array) and sends the warnings to stderr.
    const json = p.cli(['lint', '--campaign', 'c', '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
    expect(json.stderr).toMatch(/^warning: c first email: opening:/m);

    const dry = p.cli(['send', '--campaign', 'c', '--json']);
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout).plan).toHaveLength(5);
    expect(dry.stderr).toMatch(/^warning: c first email: opening:/m);
    const strictSend = p.cli(['send', '--campaign', 'c', '--send', '--strict']);
    expect(strictSend.status).not.toBe(0);
    expect(strictSend.stderr).toMatch(/1 lint warning\(s\) with --strict; nothing queued/);
    expect(await p.redis.keys(`${p.prefix}:*ledger*`)).toEqual([]);
    // Without --strict the same warnings queue everyone (and the key pattern above is the real one).
    expect(p.cli(['send', '--campaign', 'c', '--send']).status).toBe(0);
    expect(await p.redis.hlen((await p.redis.keys(`${p.prefix}:*ledger*`))[0]!)).toBe(5);
  }, 300_000); // seven CLI runs; generous for a loaded CI machine
});

const spamassassin = findOnPath('spamassassin');
if (!spamassassin && process.env.CI) throw new Error('spamassassin is not on PATH; .ci/run installs it (apt-get install -y spamassassin)');

describe('outreach lint --spam', () => {
  it('says clearly when spamassassin is missing', async () => {
    p = await makeProject();
    p.writeCsv('c.csv', csv(1));
    p.cli(['import', 'c.csv', '--campaign', 'c']);
    const r = p.cli(['lint', '--campaign', 'c', '--spam'], { PATH: path.dirname(process.execPath) });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/spamassassin not found on PATH/);
    expect(r.stderr).toMatch(/apt-get install -y spamassassin/);
  }, 120_000);

  it.runIf(spamassassin)('the starter template scores 0 content points; transport rules are listed apart', async () => {
    p = await makeProject();
    p.writeCsv('c.csv', 'first_name,last_name,email,institution,topic,recent_paper_title,recent_paper_journal,recent_paper_year\nMayank,Goyal,mgoyal@ucalgary.ca,University of Calgary,stroke imaging,Evolution of Stroke Thrombectomy Techniques to Optimize First-Pass Complete Reperfusion.,Seminars in interventional radiology,2020\n');
    p.cli(['import', 'c.csv', '--campaign', 'c']);
    const r = p.cli(['lint', '--campaign', 'c', '--spam']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^SpamAssassin \d[\d.]*, local tests \(-L\), on the first email to mgoyal@ucalgary\.ca$/m);
    expect(r.stdout).toMatch(/^content score: 0\.0 points/m);
    expect(r.stdout).toMatch(/^not counted: rules about the unrelayed preview[^\n]*\n(?:\s+-?\d\.\d (NO_RECEIVED|NO_RELAYS)\s+[^\n]*\n)+/m);
  }, 180_000);

  it.runIf(spamassassin)('a spammy template has content rules that fire, as warnings (exit 0; --strict exit 1)', async () => {
    p = await makeProject();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(p.dir, 'templates/outreach.hbs'), [
      '---', 'subject: FREE!!! 100% GUARANTEED CASH OFFER - ACT NOW!!!', '---',
      'Dear Dr. {{last_name}},', '',
      ...['introduction', 'interest', 'skills', 'ask', 'flexibility'].map((part) => `{{#part "${part}"}}\nCLICK HERE to claim your FREE money!!! 100% GUARANTEED. Act now, limited time offer, risk free, no credit check. Viagra. Unsubscribe.\n{{/part}}\n`),
    ].join('\n'));
    p.writeCsv('c.csv', csv(1));
    p.cli(['import', 'c.csv', '--campaign', 'c']);
    const r = p.cli(['lint', '--campaign', 'c', '--spam']);
    expect(r.status, r.stderr).toBe(0);
    const score = Number(/^content score: (-?[\d.]+)/m.exec(r.stdout)?.[1]);
    expect(score).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/^warning: c first email: spam: [A-Z0-9_]+ \(\d/m);
    expect(p.cli(['lint', '--campaign', 'c', '--spam', '--strict']).status).toBe(1);
  }, 180_000);
});
