import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { contactsCsv, exited, makeProject, type TestProject } from '../helpers/project.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

const N = 20;
const CONCURRENCY = 3;

describe('a worker killed with SIGKILL mid-campaign', () => {
  let p: TestProject;
  let sink: SmtpSink;
  afterEach(async () => {
    await sink?.stop();
    await p?.cleanup();
  });

  it('never sends twice; interrupted sends become uncertain and resolve --resend completes them', async () => {
    sink = new SmtpSink({ delayMs: 400 });
    const url = await sink.start();
    p = await makeProject({ smtpUrl: url, config: { followups: [], worker: { concurrency: CONCURRENCY, heartbeatSeconds: 0.5, lockSeconds: 2 } } });
    p.writeCsv('data/many.csv', contactsCsv(N));
    expect(p.cli(['import', 'data/many.csv', '--campaign', 'k']).status).toBe(0);
    expect(p.cli(['send', '--campaign', 'k', '--send', '--no-pacing']).status).toBe(0);

    const first = p.spawnWorker();
    // Kill at a moment when every send slot is waiting on the server's answer, after a few
    // deliveries: the killed worker then has exactly CONCURRENCY messages in flight.
    await new Promise<void>((resolve) => {
      const check = () => {
        if (sink.deliveries.length >= 5 && sink.inDelay === CONCURRENCY) {
          first.kill('SIGKILL');
          sink.off('delay', check);
          resolve();
        }
      };
      sink.on('delay', check);
    });
    await exited(first);
    const deliveredBeforeRestart = sink.deliveries.length;

    const second = p.spawnWorker(['--drain']);
    expect(await exited(second)).toBe(0);

    const ledger = new Ledger(p.redis, p.keys, 'k');
    let entries = await ledger.all();
    const uncertain = entries.filter((e) => e.state === 'uncertain');
    // At most one per slot of the killed worker, and never re-sent on their own.
    expect(uncertain.length).toBeGreaterThan(0);
    expect(uncertain.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(entries.filter((e) => e.state === 'sent').length + uncertain.length).toBe(N);
    for (let i = 1; i <= N; i++) expect(sink.countTo(`mentor${i}@example.org`)).toBeLessThanOrEqual(1);
    expect(sink.deliveries.length).toBe(N - uncertain.length);
    expect(deliveredBeforeRestart).toBeLessThan(N);

    const status = JSON.parse(p.cli(['status', '--campaign', 'k', '--json']).stdout);
    expect(status.uncertain).toBe(uncertain.length);

    expect(p.cli(['resolve', '--campaign', 'k', '--resend']).status).toBe(0);
    const third = p.spawnWorker(['--drain']);
    expect(await exited(third)).toBe(0);

    entries = await ledger.all();
    expect(entries.every((e) => e.state === 'sent')).toBe(true);
    for (let i = 1; i <= N; i++) expect(sink.countTo(`mentor${i}@example.org`)).toBe(1);
    // The resent messages keep their Message-ID, so a reply to either copy would match.
    const ids = new Set(sink.deliveries.map((d) => d.messageId));
    expect(ids.size).toBe(N);
  });
});
