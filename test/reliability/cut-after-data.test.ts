import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { contactsCsv, exited, makeProject, type TestProject } from '../helpers/project.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

// The server has the whole message, then the connection breaks before its 250. nodemailer
// labels that error "CONN" like a connection that never opened; the send must still be
// held as uncertain, never retried on its own (invariant 1).
describe('the connection breaks after the server accepted DATA', () => {
  let p: TestProject;
  let sink: SmtpSink;
  afterEach(async () => {
    await sink?.stop();
    await p?.cleanup();
  });

  async function campaign(n: number) {
    sink = new SmtpSink({ cutAfterData: 1 });
    p = await makeProject({ smtpUrl: await sink.start(), config: { followups: [] } });
    p.writeCsv('data/c.csv', contactsCsv(n));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'cut']).status).toBe(0);
    expect(p.cli(['send', '--campaign', 'cut', '--send', '--no-pacing']).status).toBe(0);
    expect(await exited(p.spawnWorker(['--drain']))).toBe(0);
    return new Ledger(p.redis, p.keys, 'cut').all();
  }

  it('one message: delivered once, held as uncertain', async () => {
    const entries = await campaign(1);
    expect(sink.cut).toBe(1);
    expect(sink.countTo('mentor1@example.org')).toBe(1);
    expect(entries.map((e) => e.state)).toEqual(['uncertain']);
    expect(entries[0]!.attempts).toBe(1);
    const status = JSON.parse(p.cli(['status', '--campaign', 'cut', '--json']).stdout);
    expect([status.sent, status.uncertain]).toEqual([0, 1]);
  });

  it('a campaign of 50 with one cut: every mentor gets exactly one message', async () => {
    const entries = await campaign(50);
    expect(sink.cut).toBe(1);
    for (let i = 1; i <= 50; i++) expect(sink.countTo(`mentor${i}@example.org`)).toBe(1);
    expect(sink.deliveries.length).toBe(50);
    expect(entries.filter((e) => e.state === 'uncertain').length).toBe(1);
    expect(entries.filter((e) => e.state === 'sent').length).toBe(49);
  });
});
