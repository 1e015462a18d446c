import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { maxPerSecond } from '../eutils-server.js';
import { lookupRecords } from './lookup-records.js';
import { RecordsEutilsServer } from './records-eutils-server.js';

const BALLOON = join(import.meta.dirname, '../../fixtures/pubmed/medline/nbib_pubmed-balloongui-set.nbib');

// The discover input is the balloon-guide export without the papers that carry these people's
// addresses, so the look-up has to find them on those other papers (all in the server's set).
const ADDRESS_PAPERS = ['32015181', '25376809', '23835465', '27076599', '28712895', '30851472', '28691137', '30413831', '31959631'];

// The addresses that are truly findable, checked by hand against each record. Every other
// candidate must come back without a looked-up address.
const TRUTH: Record<string, string> = {
  'Haussen Diogo': 'diogo.haussen@emory.edu', // only on 32015181 (2020); a namesake at Cleveland Clinic (2022) carries partovs@ccf.org
  'Goyal Mayank': 'mgoyal@ucalgary.ca', // 27076599 (2016), a "From Department of ..." affiliation; a namesake (2025) carries a gmail address
  'Siddiqui Adnan': 'asiddiqui@ubns.com', // 25376809 (2015), where he is "Siddiqui, A H"
  'Maegerlein Christian': 'christian.maegerlein@tum.de', // 30413831 (2020), with his ORCID
  'Ribo Marc': 'marcriboj@hotmail.com', // 31959631 (2020); a namesake (2024) carries a gmx.net address
  'Ribò Marc': 'marcriboj@hotmail.com', // the same man, accented in another record
  'Ohshima Tomotaka': 'tmtkoh@gmail.com', // 28712895 (2017): does not name him, the only address in his affiliation
  'Sung Jae Hoon': 'jaehoonsung@gmail.com', // 30851472 (2019); his discover paper has no affiliation: co-authors decide
  // Not findable: Deshaies EM's deshaiee@upstate.edu is from 2013 at SUNY Upstate; he has moved to
  // Crouse Hospital (2019), so it is refused (and nothing but the city ties the two papers).
};

let dir: string;
let input: string;
const server = new RecordsEutilsServer(lookupRecords());
const saved = { ...process.env };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lookup-accuracy-'));
  await server.start();
  const records = readFileSync(BALLOON, 'utf8').split(/\n\s*\n(?=PMID-)/);
  const kept = records.filter((r) => !ADDRESS_PAPERS.includes(/^PMID- (\d+)/m.exec(r)![1]!));
  expect(records.length - kept.length).toBe(ADDRESS_PAPERS.length);
  input = join(dir, 'discover-input.nbib');
  await writeFile(input, kept.join('\n\n') + '\n');
  Object.assign(process.env, { NCBI_EUTILS_URL: server.url, NCBI_API_KEY: 'loopback-key', OUTREACH_NCBI_EMAIL: 'tests@example.org' });
});
afterAll(async () => {
  process.env = saved;
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

/** `outreach --dir <project> discover ...` in process; returns stdout and stderr. */
async function run(project: string, args: string[]): Promise<{ out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    await runCli(['--dir', project, 'discover', ...args]);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return { out, err };
}

type Row = Record<string, string>;

describe('looking up addresses in other papers, over real records', () => {
  let rows: Row[];
  let explain: string;
  const own = new Set<string>();

  beforeAll(async () => {
    for (const m of readFileSync(input, 'utf8').matchAll(/^PMID- (\d+)/gm)) own.add(m[1]!);
    const { out, err } = await run(join(dir, 'p1'), ['--from', input, '--lookup-emails', '--lookup-since', '2010', '--max', '1000', '--json', '--explain', '--country', 'any']);
    rows = JSON.parse(out).candidates as Row[];
    explain = err;
  }, 300_000);

  it('finds at least 80% of the findable addresses and gives none to the wrong person', () => {
    const lookedUp = rows.filter((r) => r['email'] && !own.has(r['email_source_pmid']!));
    const findable = rows.filter((r) => TRUTH[`${r['last_name']} ${r['first_name']}`]);
    const found = findable.filter((r) => r['email'] === TRUTH[`${r['last_name']} ${r['first_name']}`]);
    const wrong = lookedUp.filter((r) => r['email'] !== TRUTH[`${r['last_name']} ${r['first_name']}`]);
    console.log(`look-up accuracy: ${rows.length} candidates, ${findable.length} with a findable address, ${found.length} found (${Math.round((100 * found.length) / findable.length)}%), ${wrong.length} wrong`);
    expect(wrong.map((r) => `${r['last_name']} ${r['first_name']}: ${r['email']}`)).toEqual([]);
    expect(found.length / findable.length).toBeGreaterThanOrEqual(0.8);
    for (const r of found) {
      expect(r['needs_manual_lookup']).toBe('no');
      expect(ADDRESS_PAPERS).toContain(r['email_source_pmid']);
    }
    // Addresses from a candidate's own paper say so too.
    const haussenOwn = rows.filter((r) => r['email'] && own.has(r['email_source_pmid']!));
    expect(haussenOwn.length).toBeGreaterThan(0);
  });

  it('explains each address found and each refused', () => {
    expect(explain).toMatch(/look-up Haussen, Diogo C: \d+ papers since 2010 for \(Haussen DC\[au\] OR "Haussen, Diogo C"\[fau\]\)/);
    expect(explain).toMatch(/  found diogo\.haussen@emory\.edu \(PMID 32015181, 2020\): in their own affiliation and names them; same person: same institution \(Emory University School of Medicine\); same city \(atlanta\); \d shared co-authors? \(Nogueira RG/);
    expect(explain).toMatch(/  refused partovs@ccf\.org \(PMID 35195805, 2022\): may be a namesake: another institution \(Cleveland Clinic Main Campus\); no shared co-authors/);
    expect(explain).toMatch(/  found tmtkoh@gmail\.com \(PMID 28712895, 2017\): the only address in their own affiliation; same person:/);
    expect(explain).toMatch(/  refused deshaiee@upstate\.edu \(PMID 23835465, 2013\): may be a namesake: another institution \(State University of New York Upstate Medical University\); same city \(syracuse\)/);
    expect(explain).toMatch(/\(\d+ need a manual e-mail look-up, \d+ found in other papers with \d+ requests\)/);
  });

  it('costs one esearch per candidate and efetch in batches; a second run is answered from the cache', async () => {
    const before = server.seen.length;
    const t0 = Date.now();
    const first = await run(join(dir, 'p100'), ['--from', input, '--lookup-emails', '--lookup-since', '2010', '--max', '100', '--json', '--country', 'any']);
    const ms = Date.now() - t0;
    const reqs = server.seen.slice(before);
    const candidates = (JSON.parse(first.out).candidates as Row[]).filter((r) => own.has(r['email_source_pmid']!) === false || !r['email']);
    const searches = reqs.filter((r) => r.util === 'esearch');
    const fetches = reqs.filter((r) => r.util === 'efetch');
    const ids = fetches.reduce((n, r) => n + r.params.get('id')!.split(',').length, 0);
    console.log(`look-up cost for 100 candidates: ${reqs.length} requests (${searches.length} esearch, ${fetches.length} efetch for ${ids} papers) in ${(ms / 1000).toFixed(1)} s at 10 requests/s (NCBI_API_KEY); at most ${maxPerSecond(reqs.map((r) => r.at))} arrived in one second`);
    expect(new Set(searches.map((r) => r.params.get('term'))).size).toBe(searches.length); // one esearch per distinct name
    expect(searches.length).toBeLessThanOrEqual(candidates.length);
    expect(fetches.length).toBe(Math.ceil(ids / 200));
    expect(fetches.every((r) => r.params.get('id')!.split(',').length <= 200)).toBe(true);
    // The pace itself is the rate limiter's, asserted in eutils-client.test.ts; here the server
    // shares the process with the client, so its arrival times are only printed.
    expect(searches.every((r) => r.params.get('sort') === 'pub_date' && r.params.get('mindate') === '2010' && r.params.get('retmax') === '20')).toBe(true);

    const again = server.seen.length;
    const second = await run(join(dir, 'p100'), ['--from', input, '--lookup-emails', '--lookup-since', '2010', '--max', '100', '--json', '--country', 'any']);
    expect(server.seen.length).toBe(again);
    expect(second.out).toBe(first.out);
    expect(second.err).toMatch(/found in other papers with 0 requests/);
  }, 300_000);

  it('is on by default when discover searches PubMed, and --no-lookup-emails turns it off', async () => {
    const search = ['--institution', 'Emory', '--topic', 'thrombectomy', '--max', '30', '--json'];
    let before = server.seen.length;
    const on = await run(join(dir, 'search'), search);
    const authorSearches = server.seen.slice(before).filter((r) => r.util === 'esearch' && /\[au\]/.test(r.params.get('term')!));
    expect(authorSearches.length).toBeGreaterThan(0);
    expect(on.err).toMatch(/found in other papers with \d+ requests/);
    before = server.seen.length;
    const off = await run(join(dir, 'search-off'), [...search, '--no-lookup-emails']);
    expect(server.seen.slice(before).filter((r) => /\[au\]/.test(r.params.get('term') ?? ''))).toEqual([]);
    expect(off.err).not.toMatch(/found in other papers/);
  }, 120_000);

  it('is off with --from unless --lookup-emails is given', async () => {
    const before = server.seen.length;
    const { out } = await run(join(dir, 'off'), ['--from', input, '--json', '--max', '20', '--country', 'any']);
    expect(server.seen.length).toBe(before);
    expect((JSON.parse(out).candidates as Row[]).every((r) => !r['email'] || own.has(r['email_source_pmid']!))).toBe(true);
  });
});
