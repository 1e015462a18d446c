import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { contactsCsv, makeProject, type TestProject } from '../helpers/project.js';

describe('Redis down', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  it.each([
    [['import', 'data/c.csv', '--campaign', 'x']],
    [['send', '--campaign', 'x', '--send']],
    [['status', '--json']],
    [['worker', '--drain']],
  ])('%j: one-line error with a hint, non-zero exit, nothing written', async (args) => {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(2));
    const r = p.cli(args, { REDIS_URL: 'redis://:s3cret@127.0.0.1:1' });
    expect(r.status).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^error: redis:\/\/:\*\*\*@127\.0\.0\.1:1: cannot connect to Redis/);
    expect(lines[1]).toMatch(/^hint: .*redis/i);
    expect(lines.length).toBe(2);
    expect(r.stderr + r.stdout).not.toContain('s3cret');
    expect(r.stdout).toBe('');
    expect(await p.redis.keys(`${p.prefix}:*`)).toEqual([]);
    expect(existsSync(`${p.dir}/data/outbox`)).toBe(false);
  });
});
