import { afterEach, describe, expect, it } from 'vitest';
import { contactsCsv, exited, makeProject, type TestProject } from '../helpers/project.js';

describe('re-running import and send --send', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  async function snapshot() {
    const keys = (await p.redis.keys(`${p.prefix}:*`)).filter((k) => !k.includes(':bull:') || /:(wait|delayed|id)$/.test(k)).sort();
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const t = await p.redis.type(k);
      out[k] = t === 'hash' ? await p.redis.hgetall(k) : t === 'zset' ? await p.redis.zrange(k, '0', '-1') : t === 'set' ? (await p.redis.smembers(k)).sort() : t === 'list' ? await p.redis.lrange(k, 0, -1) : await p.redis.get(k);
    }
    return out;
  }

  it('changes nothing the second time', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(6));
    const first = JSON.parse(p.cli(['import', 'data/c.csv', '--campaign', 'r', '--json']).stdout);
    expect(first).toEqual({ imported: 6, updated: 0, existing: 0, skipped: [] });
    expect(p.cli(['send', '--campaign', 'r', '--send']).status).toBe(0);
    const before = await snapshot();

    const again = JSON.parse(p.cli(['import', 'data/c.csv', '--campaign', 'r', '--json']).stdout);
    expect(again.imported).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.existing).toBe(6);
    // Reported and skipped, each with its line.
    expect(again.skipped).toEqual([2, 3, 4, 5, 6, 7].map((line) => ({ line, field: 'email', reason: 'already in the campaign' })));
    const send = p.cli(['send', '--campaign', 'r', '--send', '--json']);
    expect(send.status).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('after the sends, sends nothing new to the outbox', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(4));
    p.cli(['import', 'data/c.csv', '--campaign', 'o']);
    p.cli(['send', '--campaign', 'o', '--send', '--no-pacing']);
    expect(await exited(p.spawnWorker(['--drain']))).toBe(0);
    const { readdirSync } = await import('node:fs');
    const files = () => readdirSync(`${p.dir}/data/outbox/o`).sort();
    expect(files().length).toBe(4);
    p.cli(['import', 'data/c.csv', '--campaign', 'o']);
    const again = p.cli(['send', '--campaign', 'o', '--send', '--no-pacing']);
    expect(again.stdout).toMatch(/nothing to send/);
    expect(await exited(p.spawnWorker(['--drain']))).toBe(0);
    expect(files().length).toBe(4);
    const status = JSON.parse(p.cli(['status', '--campaign', 'o', '--json']).stdout);
    expect(status.sent).toBe(4);
  });
});
