import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeProject, type TestProject } from '../helpers/project.js';

/**
 * PubMed file -> discover -> import -> preview, as a new user does it. The output is checked
 * in (test/golden/starter-preview.txt), was read by a person for tells, and must not change
 * unnoticed. After an intended change: UPDATE_GOLDEN=1 npx vitest run test/render/golden-preview.test.ts,
 * then read the diff.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/pubmed');
const GOLDEN = path.resolve(import.meta.dirname, '../golden/starter-preview.txt');
// A recent paper, an older one, and a neurointerventional set with "the" and "AJNR" cases.
const FILES = ['efetch/metapub_38878148.xml', 'efetch/metapub_35195805.xml', 'medline/nbib_pubmed-balloongui-set.nbib'];
const DATE = '2026-12-01T15:00:00Z';

let p: TestProject | undefined;
afterAll(async () => p?.cleanup());

/** What varies between runs: the temp folder and the Message-IDs (they hash the random Redis prefix). */
function normalise(out: string, dir: string): string {
  return out
    .split(dir).join('<project>')
    .replace(/<[0-9a-f]{24}\.s(\d)\.outreach@example\.com>/g, '<id.s$1.outreach@example.com>');
}

describe('golden preview from PubMed fixtures', () => {
  it('discover -> import -> preview 10 contacts and one follow-up matches test/golden/starter-preview.txt', async () => {
    p = await makeProject();
    for (const f of FILES) {
      const local = path.join(p.dir, path.basename(f));
      copyFileSync(path.join(FIXTURES, f), local);
      const d = p.cli(['discover', '--from', local, '--topic', 'stroke imaging', '--since', '1990', '--country', 'any', '--out', `${local}.csv`]);
      expect(d.status, d.stderr).toBe(0);
      expect(p.cli(['import', `${local}.csv`, '--campaign', 'golden']).status).toBe(0);
    }
    const first = p.cli(['preview', '--campaign', 'golden', '--limit', '10', '--date', DATE]);
    expect(first.status, first.stderr).toBe(0);
    const followUp = p.cli(['preview', '--campaign', 'golden', '--contact', 'mgoyal@ucalgary.ca', '--step', '1', '--date', '2026-12-08T15:00:00Z']);
    expect(followUp.status, followUp.stderr).toBe(0);
    const lint = p.cli(['lint', '--campaign', 'golden']);
    const out = normalise(
      [
        `# outreach discover --from <file> --topic "stroke imaging" --since 1990, for ${FILES.join(', ')}`,
        '# then import, then: outreach preview --campaign golden --limit 10 --date ' + DATE,
        '',
        first.stdout,
        '# outreach preview --campaign golden --contact mgoyal@ucalgary.ca --step 1 --date 2026-12-08T15:00:00Z',
        '',
        followUp.stdout,
        '# outreach lint --campaign golden (exit ' + lint.status + ')',
        lint.stdout,
      ].join('\n'),
      p.dir,
    );
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(path.dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, out);
    }
    expect(out).toBe(readFileSync(GOLDEN, 'utf8'));
  }, 400_000); // ten CLI runs
});
