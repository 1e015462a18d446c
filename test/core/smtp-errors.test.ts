import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { runSendWorker } from '../../src/send/run-send-worker.js';
import { contactsCsv, makeProject, type TestProject } from '../helpers/project.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

describe('SMTP answers', () => {
  let p: TestProject;
  let sink: SmtpSink;
  afterEach(async () => {
    await sink?.stop();
    await p?.cleanup();
  });

  async function run(rcpt: Record<string, number | number[]>) {
    sink = new SmtpSink({ rcpt });
    p = await makeProject({ smtpUrl: await sink.start(), config: { followups: [] } });
    p.writeCsv('data/c.csv', contactsCsv(3));
    p.cli(['import', 'data/c.csv', '--campaign', 'e']);
    expect(p.cli(['send', '--campaign', 'e', '--send', '--no-pacing']).status).toBe(0);
    const w = await runSendWorker(p.project, p.profile, { drain: true, log: () => {} });
    await w.done;
    const ledger = new Ledger(p.redis, p.keys, 'e');
    const byEmail = async (i: number) => {
      const id = await p.redis.hget(p.keys.emails('e'), `mentor${i}@example.org`);
      return ledger.get(id!, 0);
    };
    return { byEmail };
  }

  it('451 then success: one delivery, after a retry', async () => {
    const { byEmail } = await run({ 'mentor2@example.org': [451] });
    expect(sink.countTo('mentor2@example.org')).toBe(1);
    expect(sink.rcptAttempts.filter((a) => a === 'mentor2@example.org').length).toBe(2);
    const e = await byEmail(2);
    expect(e?.state).toBe('sent');
    expect(e?.attempts).toBe(2);
    expect(sink.deliveries.length).toBe(3);
  });

  it('550: failed at once, the code kept, no retry', async () => {
    const { byEmail } = await run({ 'mentor3@example.org': 550 });
    expect(sink.countTo('mentor3@example.org')).toBe(0);
    expect(sink.rcptAttempts.filter((a) => a === 'mentor3@example.org').length).toBe(1);
    const e = await byEmail(3);
    expect(e?.state).toBe('failed');
    expect(e?.responseCode).toBe(550);
    expect(sink.deliveries.length).toBe(2);
    const status = JSON.parse(p.cli(['status', '--campaign', 'e', '--json']).stdout);
    expect([status.sent, status.failed]).toEqual([2, 1]);
  });
});
