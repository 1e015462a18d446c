// A worker claims a send only when the SMTP pool has a place for it (Transport.acquire: two
// per connection, the message on the wire and the next): with more sends in hand than that,
// a SIGKILL leaves at most two "sending" entries per connection.
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { contactsCsv, exited, makeProject, type TestProject } from '../helpers/project.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

const CONNECTIONS = 2;
const CONCURRENCY = 6;

describe('claims per connection', () => {
  let p: TestProject;
  let sink: SmtpSink;
  afterEach(async () => {
    await sink?.stop();
    await p?.cleanup();
  });

  it('a killed worker holds no more than two sends per connection', async () => {
    sink = new SmtpSink({ delayMs: 800 });
    const url = await sink.start();
    p = await makeProject({
      smtpUrl: url,
      config: {
        followups: [],
        worker: { concurrency: CONCURRENCY, heartbeatSeconds: 0.5, lockSeconds: 2 },
        transport: { pool: { maxConnections: CONNECTIONS, maxMessages: 100 } },
      },
    });
    p.writeCsv('data/c.csv', contactsCsv(20));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'g']).status).toBe(0);
    expect(p.cli(['send', '--campaign', 'g', '--send', '--no-pacing']).status).toBe(0);

    const worker = p.spawnWorker();
    // Every connection waits on the server, after a first round was delivered: the other
    // sends in the worker's hands have been read and rendered and wait for a place.
    await new Promise<void>((resolve) => {
      const check = () => {
        if (sink.deliveries.length >= CONNECTIONS && sink.inDelay === CONNECTIONS) {
          sink.off('delay', check);
          resolve();
        }
      };
      sink.on('delay', check);
    });
    // Wait until the next send of each connection is claimed too, then a little longer: a
    // worker without the limit would claim every send in hand by then.
    const ledger = new Ledger(p.redis, p.keys, 'g');
    const sendingNow = async () => (await ledger.all()).filter((e) => e.state === 'sending').length;
    for (let i = 0; i < 100 && (await sendingNow()) < 2 * CONNECTIONS; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    worker.kill('SIGKILL');
    await exited(worker);

    const entries = await ledger.all();
    const sending = entries.filter((e) => e.state === 'sending');
    // Without the limit, every send in hand (CONCURRENCY) would be claimed. (Between a finish
    // and the claim it lets in, one connection may hold a single send for a moment.)
    expect(sending.length).toBeLessThanOrEqual(2 * CONNECTIONS);
    expect(sending.length).toBeGreaterThan(CONNECTIONS);
    expect(entries.filter((e) => e.state === 'queued').length).toBe(20 - sending.length - entries.filter((e) => e.state === 'sent').length);
  });
});
