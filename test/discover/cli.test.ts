import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DiscoverHooks } from '../../src/cli/commands/discover.js';
import { runCli } from '../../src/cli/program.js';
import { validateRow } from '../../src/contacts/contact.js';
import { UserError } from '../../src/errors/user-error.js';

const FIX = join(import.meta.dirname, '../fixtures/pubmed');
let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'discover-cli-'))));
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** Runs `outreach <args>` with discover registered on a program like the real one; returns stdout. */
async function run(args: string[], hooks: DiscoverHooks = {}): Promise<string> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await runCli(['--dir', dir, ...args], { discover: hooks });
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return out;
}

describe('outreach discover --from', () => {
  it('writes a CSV that import accepts for rows with an address, and hands it to --campaign', async () => {
    const out = join(dir, 'balloon.csv');
    const calls: string[] = [];
    await run(['discover', '--from', join(FIX, 'medline/nbib_pubmed-balloongui-set.nbib'), '--topic', 'thrombectomy', '--out', out, '--campaign', 'neuro'], {
      importCsv: async (p: string, c: string) => calls.push(`${p}|${c}`),
    });
    expect(calls).toEqual([`${out}|neuro`]);
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBe(100);
    const haussen = rows.find((r) => r['last_name'] === 'Haussen')!;
    expect(haussen).toMatchObject({ first_name: 'Diogo', email: 'diogo.haussen@emory.edu', needs_manual_lookup: 'no', topic: 'thrombectomy' });
    rows.forEach((r, i) => {
      const v = validateRow(i + 2, r);
      if (r['needs_manual_lookup'] === 'no') expect(v).toMatchObject({ ok: true });
      else expect(v).toMatchObject({ ok: false, field: 'email' });
    });
    expect(Number(rows[0]!['score'])).toBeGreaterThanOrEqual(Number(rows[1]!['score']));
  });

  it('filters by --institution and prints the score parts with --json', async () => {
    const json = JSON.parse(await run(['discover', '--from', join(FIX, 'medline/nbib_pubmed-balloongui-set.nbib'), '--institution', 'Emory', '--json', '--max', '3']));
    expect(json.articles).toBe(75);
    expect(json.candidates).toHaveLength(3);
    for (const c of json.candidates) {
      expect(c.institution).toMatch(/Emory/);
      expect(Object.keys(c.parts)).toEqual(['papers', 'senior', 'first', 'recency', 'topic', 'imaging']);
    }
  });

  it('`discover institutions` takes its own options after the subcommand name', async () => {
    const json = JSON.parse(await run(['discover', 'institutions', '--topic', 'stroke', '--from', join(FIX, 'medline/nbib_pubmed-balloongui-set.nbib'), '--since', '2010', '--max', '2', '--json']));
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({ institution: 'University of Massachusetts Medical School', country: 'US', state: 'MA' });
  });

  it('keeps U.S. candidates by default, each with an IANA zone, and everyone with --country any', async () => {
    const file = join(FIX, 'medline/nbib_pubmed-balloongui-set.nbib');
    const us = JSON.parse(await run(['discover', '--from', file, '--json', '--max', '500']));
    const any = JSON.parse(await run(['discover', '--from', file, '--json', '--max', '500', '--country', 'any']));
    const ca = JSON.parse(await run(['discover', '--from', file, '--json', '--max', '500', '--country', 'ca']));
    expect(us.candidates.length).toBeGreaterThan(50);
    for (const c of us.candidates) expect(c).toMatchObject({ country: 'US' });
    // A U.S. candidate without a state or known city gets no zone rather than a guessed one; these are few.
    const zoned = us.candidates.filter((c: { timezone: string }) => /^(America\/|Pacific\/Honolulu$)/.test(c.timezone));
    expect(zoned.length).toBeGreaterThanOrEqual(us.candidates.length - 3);
    expect(any.candidates.length).toBeGreaterThan(us.candidates.length);
    expect(any.candidates.some((c: { country: string }) => c.country === 'DE')).toBe(true);
    expect(any.candidates.some((c: { country: string }) => c.country === '')).toBe(true); // not placed: kept only with "any"
    expect(ca.candidates.length).toBeGreaterThan(0);
    for (const c of ca.candidates) expect(c).toMatchObject({ country: 'CA', timezone: '' });
    expect(us.candidates.find((c: { last_name: string }) => c.last_name === 'Goyal')).toBeUndefined(); // Calgary
    expect(any.candidates.find((c: { last_name: string }) => c.last_name === 'Goyal')).toMatchObject({ country: 'CA' });
    // The set's papers end in 2020, so nobody is a recent first author any more (role.test.ts fixes the year).
    const roles = new Set(us.candidates.map((c: { role: string }) => c.role));
    expect(roles).toEqual(new Set(['faculty', '']));
  });

  it('refuses a --country that is not an ISO code', async () => {
    const e = await run(['discover', '--from', join(FIX, 'medline/nbib_single.nbib'), '--country', 'USA']).catch((x: unknown) => x);
    expect(String((e as Error).message)).toMatch(/ISO 3166-1 country code/);
  });

  it('merges several --from files, each PMID once (the same 92 articles as XML and as MEDLINE)', async () => {
    const both = JSON.parse(await run(['discover', '--from', join(FIX, 'pair/p1m_pubmed_result_92.xml'), join(FIX, 'pair/p1m_citations_1.nbib'), '--json', '--max', '1000', '--country', 'any']));
    const one = JSON.parse(await run(['discover', '--from', join(FIX, 'pair/p1m_pubmed_result_92.xml'), '--json', '--max', '1000', '--country', 'any']));
    expect(both.articles).toBe(92);
    expect(both.candidates.length).toBe(one.candidates.length);
    const three = JSON.parse(await run(['discover', '--from', join(FIX, 'pair/p1m_pubmed_result_92.xml'), join(FIX, 'medline/nbib_pubmed-balloongui-set.nbib'), join(FIX, 'efetch/metapub_35195805.xml'), '--json', '--max', '5000', '--country', 'any']));
    expect(three.articles).toBe(92 + 75 + 1);
    const pmids = new Set(three.candidates.map((c: { recent_paper_pmid: string }) => c.recent_paper_pmid));
    expect(pmids.has('35195805')).toBe(true); // from the third file
  });

  it('names the file when --from does not exist', async () => {
    const e = await run(['discover', '--from', join(dir, 'missing.xml')]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).line()).toBe(`${join(dir, 'missing.xml')}: no such file`);
  });
});
