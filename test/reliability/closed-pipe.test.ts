import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, contactsCsv, exited, makeProject, type TestProject } from '../helpers/project.js';

// `outreach status | head -1` printed an EPIPE stack trace and exited 1: a reader that has
// seen enough and closes the pipe is a normal end.
describe('stdout closed by the reader', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  async function manyCampaigns(n: number) {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(2));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'a']).status).toBe(0);
    // More lines than a pipe buffers (64 KiB), so the writer surely meets the closed end.
    await p.redis.sadd(p.keys.campaigns(), ...Array.from({ length: n }, (_, i) => `c${String(i).padStart(4, '0')}`));
  }

  it('status | head -1: one line, exit 0, nothing on stderr', async () => {
    await manyCampaigns(800);
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${CLI}" --dir "${p.dir}" status | head -1`], { env: p.env, encoding: 'utf8' });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a reader gone before the first byte: exit 0, no stack trace', async () => {
    await manyCampaigns(10);
    const child = spawn(process.execPath, [CLI, '--dir', p.dir, 'status'], { env: p.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    expect(await exited(child)).toBe(0);
    expect(err).not.toMatch(/EPIPE|at .*\.js/);
  });
});
