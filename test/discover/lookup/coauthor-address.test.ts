import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate } from '../../../src/discover/candidate.js';
import { EutilsClient } from '../../../src/discover/eutils-client.js';
import { lookupEmails } from '../../../src/discover/lookup/lookup-emails.js';
import { lookupRecords } from './lookup-records.js';
import { RecordsEutilsServer } from './records-eutils-server.js';

const server = new RecordsEutilsServer(lookupRecords());
let cache: string;
beforeAll(async () => {
  await server.start();
  cache = await mkdtemp(join(tmpdir(), 'lookup-coauthor-'));
});
afterAll(async () => {
  await server.stop();
  await rm(cache, { recursive: true, force: true });
});

/**
 * A candidate as discover builds one from a paper of theirs (written here: these people have
 * one paper each in the record set, so their "own" paper is described, not fetched).
 */
function candidate(lastName: string, foreName: string, institution: string, affiliation: string, coauthors: string[], title: string): Candidate {
  return {
    key: `name:${lastName}`, lastName, foreName, orcid: undefined, emails: [], institution, parts: { papers: 1, senior: 0, first: 0, recency: 0, topic: 0, imaging: 0 }, score: 1,
    papers: [{ article: { pmid: '1', title, journal: 'J', year: 2019 }, position: 'middle', affiliations: [affiliation], emails: [], coauthors }],
  };
}

describe("a co-author's address in the candidate's own affiliation", () => {
  // [candidate, expected address or undefined, why]
  const DAL = 'Department of Oceanography, Dalhousie University, Halifax, Nova Scotia, Canada.';
  const BUAA = 'School of Biological Science and Medical Engineering, Beihang University, Beijing 100191, China.';
  const cases: [Candidate, string | undefined, RegExp, string][] = [
    [candidate('Schlegel', 'Robert W', 'Dalhousie University', DAL, ['Oliver ECJ'], 'Marine heatwave detection'), undefined, /refused eric\.oliver@dal\.ca.*names co-author Oliver ECJ/, 'same person (institution, co-author), but the address is Oliver\'s'],
    [candidate('Darmaraki', 'Sofia', 'Dalhousie University', DAL, ['Oliver ECJ'], 'Marine heatwaves in the Mediterranean'), undefined, /names co-author Oliver ECJ/, 'the same, for the middle author'],
    [candidate('Oliver', 'Eric C J', 'Dalhousie University', DAL, ['Schlegel RW'], 'Marine heatwave trends'), 'eric.oliver@dal.ca', /found eric\.oliver@dal\.ca/, 'his own address, copied onto his co-authors'],
    [candidate('Zang', 'Yuxuan', 'Beihang University', BUAA, ['Liu H', 'Xie B'], 'Electron transfer of Shewanella biofilms'), undefined, /names co-author Liu H/, 'lh64@ copied onto four co-authors of Liu Hong'],
    [candidate('Liu', 'Hong', 'Beihang University', BUAA, ['Xie B', 'Zang Y'], 'Bioregenerative life support electron transfer'), 'lh64@buaa.edu.cn', /found lh64@buaa\.edu\.cn/, 'the initials-only address names her'],
  ];
  it.each(cases)('%#: %s', async (c, expected, why) => {
    const client = new EutilsClient({ baseUrl: server.url, apiKey: 'loopback-key', cacheDir: cache });
    const r = await lookupEmails(client, [c], { since: 2015 });
    const o = r.outcomes[0]!;
    expect(o.found?.email).toBe(expected);
    const lines = [o.found ? `found ${o.found.email}: ${o.found.why.join('; ')}` : '', ...o.refused.map((x) => `refused ${x.email}: ${x.why}`)].join('\n');
    expect(lines).toMatch(why);
    expect(c.lookup?.email).toBe(expected);
  });
});
