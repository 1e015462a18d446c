import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { contactId } from '../../src/campaign/contact-id.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { SendQueue } from '../../src/queue/send-queue.js';
import { classifyMessage } from '../../src/replies/classify/index.js';
import { applyInbound } from '../../src/replies/effects.js';
import { matchInbound } from '../../src/replies/match/match-inbound.js';
import { contactsCsv, exited, makeProject, type TestProject } from '../helpers/project.js';
import { humanReply } from '../helpers/inbound.js';

const WHO = 'mentor2@example.org';

/** Every key under the prefix with its whole content as text (any type). */
async function dump(redis: Redis, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const key of await redis.keys(`${prefix}:*`)) {
    const type = await redis.type(key);
    let text = '';
    if (type === 'string') text = (await redis.get(key)) ?? '';
    else if (type === 'hash') text = JSON.stringify(await redis.hgetall(key));
    else if (type === 'set') text = JSON.stringify(await redis.smembers(key));
    else if (type === 'zset') text = JSON.stringify(await redis.zrange(key, '0', '-1'));
    else if (type === 'list') text = JSON.stringify(await redis.lrange(key, 0, -1));
    else if (type === 'stream') text = JSON.stringify(await redis.xrange(key, '-', '+'));
    out.set(key, `${key} ${text}`);
  }
  return out;
}

// Faculty in the EU can ask to be forgotten: every trace of the address goes (contact, sends,
// Message-IDs, replies, queue jobs, outbox copies), in every campaign; only a salted hash stays,
// and it still keeps them from being written to again.
describe('outreach forget <email>', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  it('removes every key that mentioned the address, keeps a salted hash that still refuses them', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(3));
    for (const campaign of ['fall', 'spring']) {
      expect(p.cli(['import', 'data/c.csv', '--campaign', campaign]).status).toBe(0);
      // The same people in two campaigns: --allow-repeat, or the second would skip them.
      expect(p.cli(['send', '--campaign', campaign, '--send', '--no-pacing', '--allow-repeat']).status).toBe(0);
    }
    expect(await exited(p.spawnWorker(['--drain']))).toBe(0);
    expect(p.cli(['suppress', 'add', WHO]).status).toBe(0);

    // Their reply to the first email of "fall", through the real classify → match → effects path.
    const id = contactId('fall', WHO);
    const ours = (await new Ledger(p.redis, p.keys, 'fall').get(id, 0))!.messageId;
    const c = await classifyMessage(humanReply('talon_gmail.eml', WHO, ours));
    const m = (await matchInbound(p.redis, p.keys, c))!;
    const queue = new SendQueue(p.redis, p.keys, p.project.config.sender.email, p.project.config.retry);
    expect((await applyInbound({ redis: p.redis, keys: p.keys, queue }, c, m, '<reply-1@example.org>')).effect).toBe('replied');
    await queue.close();

    const ids = [id, contactId('spring', WHO)];
    const mentions = (text: string) => text.toLowerCase().includes(WHO) || ids.some((x) => text.includes(x));
    const before = [...(await dump(p.redis, p.prefix)).values()].filter(mentions);
    // What mentioned them: contacts, emails, order, status, ledger, msgids, inbox, seen, jobs, pacing...
    expect(before.length).toBeGreaterThanOrEqual(10);
    const outbox = path.join(p.dir, 'data/outbox');
    const files = () => readdirSync(outbox, { recursive: true }).length;
    const filesBefore = files();

    const r = p.cli(['forget', WHO.toUpperCase(), '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.campaigns.map((x: { campaign: string }) => x.campaign)).toEqual(['fall', 'spring']);
    expect(report.campaigns[0]).toMatchObject({ contact: true, sends: 2, replies: 1 });
    expect(report.campaigns[1]).toMatchObject({ contact: true, sends: 2, replies: 0 });
    expect(report.campaigns.every((x: { files: number }) => x.files === 1)).toBe(true);
    expect(report.wasSuppressed).toBe(true);
    expect(report.suppressedAs).toMatch(/^sha256:[0-9a-f]{64}$/);

    const after = [...(await dump(p.redis, p.prefix)).values()].filter(mentions);
    expect(after).toEqual([]);
    expect(files()).toBe(filesBefore - 2);
    expect(existsSync(outbox)).toBe(true);
    // The list holds the hash, not the address; the others are untouched.
    expect(JSON.parse(p.cli(['suppress', 'list', '--json']).stdout)).toEqual([report.suppressedAs]);
    const status = JSON.parse(p.cli(['status', '--campaign', 'fall', '--json']).stdout);
    expect(status.contacts).toBe(2);

    // Imported again by mistake: never queued, and a claim refuses them.
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'winter']).status).toBe(0);
    const send = JSON.parse(p.cli(['send', '--campaign', 'winter', '--send', '--no-pacing', '--allow-repeat', '--json']).stdout);
    expect(send.queued).toBe(2);
    const ledger = new Ledger(p.redis, p.keys, 'winter');
    const wid = contactId('winter', WHO);
    await ledger.enqueue({ state: 'queued', contactId: wid, step: 0, messageId: '<x@example.org>', queuedAt: 0, updatedAt: 0, attempts: 0 });
    expect(await ledger.claim(wid, WHO, 0, 'test-token', Date.now())).toEqual({ outcome: 'cancelled', why: 'suppressed' });
  }, 240_000);

  it('an address in no campaign: said so, and still suppressed by hash', async () => {
    p = await makeProject();
    const r = p.cli(['forget', 'nobody@example.org']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/nobody@example\.org was in no campaign/);
    expect(JSON.parse(p.cli(['suppress', 'list', '--json']).stdout)[0]).toMatch(/^sha256:/);
  });
});
