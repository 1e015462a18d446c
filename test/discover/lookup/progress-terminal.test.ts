import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI } from '../../helpers/project.js';
import { lookupRecords } from './lookup-records.js';
import { RecordsEutilsServer } from './records-eutils-server.js';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const server = new RecordsEutilsServer(lookupRecords());
const session = `lookup-progress-${process.pid}`;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lookup-tty-'));
  await server.start();
});
afterAll(async () => {
  await exec('tmux', ['kill-session', '-t', session]).catch(() => undefined);
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

const pane = async (): Promise<string> => (await exec('tmux', ['capture-pane', '-p', '-t', session])).stdout;

it('shows the look-up progress on a terminal, then the closing line', async () => {
  // 25 records of the balloon-guide export: enough candidates that the look-up takes seconds at 3 requests/s.
  const records = readFileSync(join(ROOT, 'test/fixtures/pubmed/medline/nbib_pubmed-balloongui-set.nbib'), 'utf8').split(/\n\s*\n(?=PMID-)/);
  await writeFile(join(dir, 'in.nbib'), records.slice(0, 25).join('\n\n') + '\n');
  const env = `env -i PATH=${process.env['PATH']} HOME=${dir} NCBI_EUTILS_URL=${server.url} OUTREACH_NCBI_EMAIL=tests@example.org`;
  const cmd = `${env} ${process.execPath} ${CLI} --dir ${dir} discover --from ${dir}/in.nbib --lookup-emails --lookup-since 2010 --max 40 --country any --out ${dir}/out.csv; echo EXIT=$?; sleep 60`;
  await exec('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '20', cmd]);
  let seen = '';
  for (let i = 0; i < 100 && !/EXIT=/.test(seen); i++) {
    const now = await pane();
    if (/e-mail look-up: (searching authors|fetching papers)/.test(now)) seen += now;
    if (/EXIT=/.test(now)) seen += now;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(seen).toMatch(/e-mail look-up: searching authors .* \d+\/\d+/);
  expect(seen).toMatch(/EXIT=0/);
  expect(seen).toMatch(/40 candidates \(\d+ need a manual e-mail look-up, \d+ found in other papers with \d+ requests\)/);
  expect(await readFile(join(dir, 'out.csv'), 'utf8')).toMatch(/email_source_pmid/);
}, 60_000);
