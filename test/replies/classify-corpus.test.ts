import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyCorpus, formatMeasurement, measure, readCorpus, splitOf } from '../../scripts/classifier-corpus.js';

// The classifier judged on real mail it was not tuned on: the held-out half of the labelled
// corpus (test/fixtures/replies/corpus-labels.csv, PROVENANCE.md says where each file is from).
const ROOT = path.join(import.meta.dirname, '../fixtures/replies');
const rows = readCorpus(ROOT);

describe('labelled corpus of real mail', () => {
  it('has at least 300 messages, every file present, split by the hash of its name', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
    for (const r of rows) {
      expect(existsSync(path.join(ROOT, r.file)), r.file).toBe(true);
      // Why: a hard case moved into the tuning half by hand would flatter the held-out figures.
      expect(r.split, r.file).toBe(splitOf(r.file));
    }
    expect(new Set(rows.map((r) => r.file)).size).toBe(rows.length);
  });

  it('held-out: no machine mail counted as a reply, accuracy >= 97%, no opt-out from boilerplate', async () => {
    const held = rows.filter((r) => r.split === 'heldout');
    expect(held.length).toBeGreaterThanOrEqual(150);
    const m = measure('heldout', await classifyCorpus(ROOT, held));
    console.log(formatMeasurement(m));
    const reply = m.classes.find((c) => c.kind === 'reply');
    // A bounce or an auto-reply read as a reply stops follow-ups and inflates the reply rate.
    expect(m.misses.filter((o) => o.got === 'reply')).toEqual([]);
    expect(reply?.precision).toBe(1);
    expect(m.accuracy).toBeGreaterThanOrEqual(0.97);
    // None of these people asked to be removed: an opt-out here would suppress them for good.
    expect(m.optOuts.map((o) => o.file)).toEqual([]);
  }, 60_000);
});
