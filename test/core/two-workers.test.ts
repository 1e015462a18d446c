import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { contactsCsv, exited, makeProject, OPEN_PACING, type TestProject } from '../helpers/project.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

describe('two worker processes at once', () => {
  let p: TestProject;
  let sink: SmtpSink;
  afterEach(async () => {
    await sink?.stop();
    await p?.cleanup();
  });

  it('send each message once', async () => {
    sink = new SmtpSink({ delayMs: 20 });
    p = await makeProject({ smtpUrl: await sink.start(), config: { followups: [] } });
    p.writeCsv('data/c.csv', contactsCsv(40));
    p.cli(['import', 'data/c.csv', '--campaign', 'two']);
    expect(p.cli(['send', '--campaign', 'two', '--send', '--no-pacing']).status).toBe(0);
    const [a, b] = [p.spawnWorker(['--drain']), p.spawnWorker(['--drain'])];
    expect(await Promise.all([exited(a), exited(b)])).toEqual([0, 0]);
    expect(sink.deliveries.length).toBe(40);
    for (let i = 1; i <= 40; i++) expect(sink.countTo(`mentor${i}@example.org`)).toBe(1);
  });

  it('keep the daily cap in a sliding 24 hours between them', async () => {
    sink = new SmtpSink();
    const cap = 5;
    p = await makeProject({ smtpUrl: await sink.start(), config: { followups: [], pacing: { ...OPEN_PACING, dailyCap: cap } } });
    p.writeCsv('data/c.csv', contactsCsv(12));
    p.cli(['import', 'data/c.csv', '--campaign', 'cap']);
    // Paced (no --no-pacing): the plan spreads the 12 over days; make them all due now so
    // both workers compete for the same slots.
    expect(p.cli(['send', '--campaign', 'cap', '--send']).status).toBe(0);
    const queue = (await import('bullmq')).Queue;
    const q = new queue(`send-applicant_example_com`, { connection: p.redis, prefix: p.keys.bull() });
    for (const job of await q.getDelayed()) await job.promote();
    await q.close();

    const [a, b] = [p.spawnWorker(['--drain']), p.spawnWorker(['--drain'])];
    expect(await Promise.all([exited(a), exited(b)])).toEqual([0, 0]);

    expect(sink.deliveries.length).toBe(cap);
    expect(new Set(sink.deliveries.map((d) => d.to[0])).size).toBe(cap);
    const entries = await new Ledger(p.redis, p.keys, 'cap').all();
    expect(entries.filter((e) => e.state === 'sent').length).toBe(cap);
    expect(entries.filter((e) => e.state === 'queued').length).toBe(12 - cap);
    // Every send in the pacer's log falls in one 24 h window, and there are exactly `cap`.
    const log = await p.redis.zrange(p.keys.paceLog('applicant@example.com'), '0', '-1', 'WITHSCORES');
    expect(log.length / 2).toBe(cap);
    const status = JSON.parse(p.cli(['status', '--campaign', 'cap', '--json']).stdout);
    expect(status.sentToday).toBe(cap);
    // The next send waits for the oldest of the five to leave the 24 h window.
    expect(Date.parse(status.nextSendAt)).toBeGreaterThan(Date.now() + 23 * 3600_000);
  });
});
