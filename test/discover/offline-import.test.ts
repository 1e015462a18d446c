import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, type Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.js';
import { CLI, makeProject } from '../helpers/project.js';
import { EutilsServer } from './eutils-server.js';

const FIX = join(import.meta.dirname, '../fixtures/pubmed');
const dir = mkdtempSync(join(tmpdir(), 'discover-offline-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs the built CLI with an explicit environment; `ms` is the time from its "searching PubMed"
 * line to its exit, so a slow start on a busy machine does not count.
 */
function discover(baseUrl: string): Promise<{ status: number | null; stderr: string; ms: number }> {
  let t0 = 0;
  // A project folder of its own: responses cached by an earlier run must not answer this one.
  const project = mkdtempSync(join(dir, 'p-'));
  const child = spawn(process.execPath, [CLI, '--dir', project, 'discover', '--institution', 'Emory', '--topic', 'stroke'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: project, NCBI_EUTILS_URL: baseUrl, OUTREACH_NCBI_EMAIL: 'applicant@example.org' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    if (!t0 && stderr.includes('searching PubMed:')) t0 = Date.now();
  });
  return new Promise((r) => child.on('close', (status) => r({ status, stderr, ms: Date.now() - t0 })));
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

describe('discover progress', () => {
  it('prints a line a batch when stderr is not a terminal', async () => {
    const server = new EutilsServer();
    try {
      const r = await discover(await server.start());
      expect(r.status).toBe(0);
      const lines = r.stderr.split('\n');
      const total = Number(/^PubMed: (\d+) articles to fetch$/m.exec(r.stderr)?.[1]);
      expect(total).toBeGreaterThan(0);
      expect(lines).toContain(`fetched ${total}/${total} articles`);
      expect(lines.findIndex((l) => l.startsWith('searching PubMed:'))).toBeLessThan(lines.findIndex((l) => l.startsWith('PubMed:')));
    } finally {
      await server.stop();
    }
  }, 30_000);
});

describe('discover when NCBI cannot be reached', () => {
  it('says so at once for a closed port, names the URL and suggests --from', async () => {
    const port = await freePort(); // nothing listens there now
    const r = await discover(`http://127.0.0.1:${port}/entrez/eutils/`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('searching PubMed:'); // progress before the first request
    expect(r.stderr).toContain(`127.0.0.1:${port}/entrez/eutils/esearch.fcgi: cannot reach NCBI E-utilities (ECONNREFUSED)`);
    expect(r.stderr).toContain('discover --from <file>');
    expect(r.ms).toBeLessThan(2000);
  });

  it('gives up on a server that accepts but never answers within a few seconds', async () => {
    const sockets: Socket[] = [];
    const s = createServer((c) => void sockets.push(c)); // reads nothing, answers nothing
    const port = await listen(s);
    try {
      const r = await discover(`http://127.0.0.1:${port}/entrez/eutils/`);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('cannot reach NCBI E-utilities (no answer in 5 s)');
      expect(r.stderr).toContain('discover --from <file>');
      expect(r.ms).toBeGreaterThanOrEqual(4900);
      expect(r.ms).toBeLessThan(7000);
    } finally {
      for (const c of sockets) c.destroy();
      await new Promise((r) => s.close(r));
    }
  }, 20_000);
});

describe('import of a discover CSV', () => {
  it('sums up the rows waiting for an address in one line instead of listing each', async () => {
    const p = await makeProject();
    try {
      const d = p.cli(['discover', '--from', join(FIX, 'medline/nbib_pubmed-balloongui-set.nbib'), '--topic', 'thrombectomy', '--out', join(p.dir, 'data/found.csv')]);
      expect(d.status).toBe(0);
      const manual = Number(/\((\d+) need a manual e-mail look-up/.exec(d.stderr)![1]);
      expect(manual).toBeGreaterThan(20);
      const r = p.cli(['import', 'data/found.csv', '--campaign', 'found']);
      expect(r.status).toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toEqual([`data/found.csv: ${manual} row(s) marked needs_manual_lookup have no address yet, skipped; add their email and import again`]);
      expect(r.stdout).toMatch(new RegExp(`^imported \\d+ contact\\(s\\) into "found"; ${manual} waiting for an address\\n$`));
      // --json still lists every skipped row, for scripts.
      const j = JSON.parse(p.cli(['import', 'data/found.csv', '--campaign', 'found2', '--json']).stdout);
      expect(j.skipped).toHaveLength(manual);
    } finally {
      await p.cleanup();
    }
  });
});
