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
    expect(json[0]).toMatchObject({ department: 'Department of Radiology, University of Massachusetts Medical School' });
  });

  it('names the file when --from does not exist', async () => {
    const e = await run(['discover', '--from', join(dir, 'missing.xml')]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).line()).toBe(`${join(dir, 'missing.xml')}: no such file`);
  });
});
