import { describe, expect, it } from 'vitest';
import type { Authorship } from '../../src/discover/candidate.js';
import { CandidatePool } from '../../src/discover/rank.js';
import { readArticles } from '../../src/discover/read-articles.js';
import { join } from 'node:path';
import { roleOf } from '../../src/discover/role.js';

const paper = (position: Authorship['position'], year: number): Authorship => ({ article: { pmid: String(year), title: 't', journal: 'j', year }, position, affiliations: [], emails: [] });

/** (papers, role, why), in 2026. */
const CASES: [Authorship[], string, string][] = [
  [[paper('last', 2025), paper('last', 2021), paper('middle', 2024)], 'faculty', 'repeated last authorship: a principal investigator'],
  [[paper('sole', 2019), paper('last', 2024)], 'faculty', 'sole authorship counts as senior'],
  [[paper('first', 2025)], 'trainee', 'one recent first-author paper'],
  [[paper('first', 2024), paper('middle', 2025), paper('middle', 2023)], 'trainee', 'recent first author, few papers, never senior'],
  [[paper('first', 2015)], '', 'first authorship long ago says nothing about today'],
  [[paper('last', 2025), paper('first', 2025)], '', 'one senior paper: not yet a pattern'],
  [[paper('first', 2025), paper('middle', 2024), paper('middle', 2023), paper('middle', 2022)], '', 'too many papers for a trainee, never senior'],
  [[paper('middle', 2025)], '', 'a middle author only'],
];

describe('roleOf', () => {
  it.each(CASES)('%#: %s', (papers, role) => {
    expect(roleOf({ papers }, 2026)).toBe(role);
  });

  it('marks both roles in a real export', async () => {
    const pool = new CandidatePool({});
    for await (const a of readArticles(join(import.meta.dirname, '../fixtures/pubmed/medline/nbib_pubmed-balloongui-set.nbib'))) pool.add(a);
    const roles = pool.ranked().map((c) => roleOf(c, 2021)); // the set's newest papers are from 2020
    expect(roles.filter((r) => r === 'faculty').length).toBeGreaterThan(5);
    expect(roles.filter((r) => r === 'trainee').length).toBeGreaterThan(5);
  });
});
