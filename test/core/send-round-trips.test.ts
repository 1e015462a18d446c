// The send path's merged Redis steps, each checked against what it replaced, on real Redis:
// the one read before rendering (send/send-view.ts), the finish that also adds the next
// step's entry (Ledger.finishThenEnqueue) and the job look-up of reconcile (SendQueue.pending).
import { afterEach, describe, expect, it } from 'vitest';
import { CampaignReader } from '../../src/campaign/campaign-reader.js';
import { Ledger } from '../../src/ledger/ledger.js';
import type { LedgerEntry } from '../../src/ledger/ledger-entry.js';
import { SendQueue } from '../../src/queue/send-queue.js';
import { readSendView } from '../../src/send/send-view.js';
import { contactsCsv, makeProject, type TestProject } from '../helpers/project.js';

const entry = (contactId: string, step: number, over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  state: 'queued', contactId, step, messageId: `<${contactId}.${step}@example.com>`, queuedAt: 1, updatedAt: 1, attempts: 0, ...over,
});

describe('send path round trips', () => {
  let p: TestProject;
  let q: SendQueue | undefined;
  afterEach(async () => {
    await q?.close();
    await p?.cleanup();
  });

  async function campaign(n: number) {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(n));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'v']).status).toBe(0);
    return new CampaignReader(p.redis, p.keys, 'v').ids();
  }

  it('the send view reads what the single reads read, the pause flag and the sender\'s back-off included', async () => {
    const [a, b] = await campaign(2);
    const ledger = new Ledger(p.redis, p.keys, 'v');
    await ledger.enqueueMany([entry(a!, 0, { state: 'sent', sentAt: 5, subject: 'Hello' }), entry(a!, 1), entry(b!, 0)]);
    await p.redis.hset(p.keys.variants('v'), a!, 'short');

    const first = await readSendView(p.redis, p.keys, 'v', a!, 1);
    expect(first.contact).toEqual(await new CampaignReader(p.redis, p.keys, 'v').get(a!));
    expect(first.contact?.variant).toBe('short');
    expect(first.entry).toEqual(await ledger.get(a!, 1));
    expect(first.earlier).toEqual([await ledger.get(a!, 0)]);
    expect([first.paused, first.heldUntil]).toEqual([false, 0]);

    await p.redis.set(p.keys.paused('v'), '1');
    await p.redis.hset(p.keys.pace(p.keys.sender), 'holdUntil', '12345');
    const later = await readSendView(p.redis, p.keys, 'v', b!, 0);
    expect([later.paused, later.heldUntil, later.earlier]).toEqual([true, 12345, []]);
    // A contact or an entry that is not there reads as null, not as an error.
    const none = await readSendView(p.redis, p.keys, 'v', 'no-such-contact', 2);
    expect([none.contact, none.entry, none.earlier]).toEqual([null, null, [null, null]]);
  });

  it('finishing a sent step adds the next entry once, and only for the holder', async () => {
    const [a] = await campaign(1);
    const ledger = new Ledger(p.redis, p.keys, 'v');
    await ledger.enqueue(entry(a!, 0));
    expect((await ledger.claim(a!, 'mentor1@example.org', 0, 'w1', 10)).outcome).toBe('ok');
    const next = entry(a!, 1, { dueAt: 99 });

    // Another worker's token: nothing is written, the next entry neither.
    expect(await ledger.finishThenEnqueue(a!, 0, 'w2', 'sent', 20, { sentAt: 20 }, next)).toEqual({ finished: false, nextAdded: false });
    expect(await ledger.get(a!, 1)).toBeNull();

    expect(await ledger.finishThenEnqueue(a!, 0, 'w1', 'sent', 20, { sentAt: 20 }, next)).toEqual({ finished: true, nextAdded: true });
    expect((await ledger.get(a!, 0))?.state).toBe('sent');
    expect(await ledger.get(a!, 1)).toEqual(next);
    const stats = await p.redis.hgetall(p.keys.stats('v'));
    expect([stats['step:0:sent'], stats['step:1:queued']]).toEqual(['1', '1']);

    // The claim is gone: a repeat changes nothing and does not add the entry twice.
    expect(await ledger.finishThenEnqueue(a!, 0, 'w1', 'sent', 30, {}, next)).toEqual({ finished: false, nextAdded: false });
    expect((await p.redis.hgetall(p.keys.stats('v')))['step:1:queued']).toBe('1');
  });

  it('pending(): waiting and delayed jobs are pending; a missing, completed or failed one is not', async () => {
    p = await makeProject();
    q = new SendQueue(p.redis, p.keys, p.project.config.sender.email, { attempts: 1, backoffSeconds: 1 });
    const data = (contactId: string) => ({ campaign: 'v', contactId, step: 0 });
    // Two jobs run by a real worker first: one fails, one completes and is kept.
    await q.queue.add('send', data('failed'), { jobId: 'v.failed.0', removeOnFail: false });
    await q.queue.add('send', data('kept'), { jobId: 'v.kept.0', removeOnComplete: false });
    await q.add(data('removed'));
    const { Worker } = await import('bullmq');
    const conn = p.redis.duplicate({ maxRetriesPerRequest: null });
    let ended = 0;
    await new Promise<void>((resolve) => {
      const w = new Worker(q!.queue.name, async (job) => { if (job.data.contactId === 'failed') throw new Error('refused'); }, { connection: conn, prefix: p.keys.bull() });
      const done = () => { if (++ended === 3) void w.close().then(resolve); };
      w.on('completed', done);
      w.on('failed', done);
    });
    conn.disconnect();
    await q.add(data('waiting'));
    await q.add(data('delayed'), 60_000);
    const ids = ['v.waiting.0', 'v.delayed.0', 'v.failed.0', 'v.kept.0', 'v.removed.0', 'v.never.0'];
    expect(await Promise.all(ids.map((id) => q!.queue.getJobState(id)))).toEqual(['waiting', 'delayed', 'failed', 'completed', 'unknown', 'unknown']);
    expect(await q.pending(ids)).toEqual([true, true, false, false, false, false]);
  });
});
