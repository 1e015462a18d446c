// `outreach status` on data written before the counters existed says so, and `--rebuild`
// brings the counts back from the ledger (the built CLI, as a process).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterKeys } from '../../src/status/counters-rebuild.js';
import { contactsCsv, makeProject, type TestProject } from '../helpers/project.js';

let p: TestProject;

beforeAll(async () => {
  p = await makeProject();
  p.writeCsv('data/mentors.csv', contactsCsv(4));
  for (const args of [['import', 'data/mentors.csv', '--campaign', 'fall'], ['send', '--campaign', 'fall', '--send', '--no-pacing'], ['worker', '--drain']]) {
    const r = p.cli(args);
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  }
});

afterAll(async () => { await p?.cleanup(); });

describe('status --rebuild', () => {
  it('counts from the counters, notices when they are missing, and rebuilds them', () => {
    const before = JSON.parse(p.cli(['status', '--campaign', 'fall', '--json']).stdout);
    expect(before).toMatchObject({ contacts: 4, sent: 4, queued: 4, softBounced: 0, sentToday: 4 });

    // As if the sends had been recorded by a version without counters.
    return p.redis.del(...counterKeys(p.keys, 'fall')).then(() => {
      const stale = p.cli(['status', '--campaign', 'fall']);
      expect(stale.stdout).toContain('sent 0');
      expect(stale.stderr).toContain('fall: its sends were recorded before the counters existed; run "outreach status --rebuild" once');
      const rebuilt = p.cli(['status', '--campaign', 'fall', '--rebuild', '--json']);
      expect(rebuilt.status).toBe(0);
      expect(rebuilt.stderr).toContain('fall: counters rebuilt from 8 ledger entries');
      expect(JSON.parse(rebuilt.stdout)).toEqual({ ...before, nextSendAt: JSON.parse(rebuilt.stdout).nextSendAt });
    });
  });
});
