import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../src/ledger/ledger.js';
import { collect, contactsCsv, editConfig, exitWithin, makeProject, type TestProject } from '../helpers/project.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

const MARS = 'Mars/Olympus_Mons';

// A zone the IANA database doesn't know turned every date step into NaN: the dry run printed
// "Invalid DateTime", and after a send the follow-up's business-day loop never ended (100% CPU,
// SIGTERM ignored). Zones are checked where they come in, and every date loop has a bound.
describe('time zones', () => {
  let p: TestProject;
  let sink: SmtpSink;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    child?.kill('SIGKILL');
    await sink?.stop();
    await p?.cleanup();
  });

  it('a bad pacing.defaultTimezone in the config: every command refuses it, naming the key; the worker exits', async () => {
    sink = new SmtpSink();
    p = await makeProject({ smtpUrl: await sink.start() });
    p.writeCsv('data/c.csv', contactsCsv(2).replace(/,America\/New_York/g, ','));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'tz']).status).toBe(0);
    expect(p.cli(['send', '--campaign', 'tz', '--send', '--no-pacing']).status).toBe(0);
    editConfig(p, (c) => (c.pacing.defaultTimezone = MARS));

    for (const args of [['send', '--campaign', 'tz'], ['lint', '--campaign', 'tz']]) {
      const r = p.cli(args);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/outreach\.config\.json: pacing\.defaultTimezone: unknown IANA time zone/);
      expect(r.stdout).not.toMatch(/Invalid DateTime/);
    }
    child = p.spawnWorker();
    const out = collect(child);
    let code = await exitWithin(child, 15_000);
    if (code === 'hung') {
      child.kill('SIGTERM');
      code = await exitWithin(child, 5000);
    }
    expect(code).not.toBe('hung');
    expect(code).not.toBe(0);
    expect(out.text()).toMatch(/pacing\.defaultTimezone/);
    expect(sink.deliveries.length).toBe(0);
  });

  it('a bad zone in the CSV: the row is skipped with its line and field', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(2).replace('mentor2@example.org,Example University 2,neuro,America/New_York', `mentor2@example.org,Example University 2,neuro,${MARS}`));
    const r = p.cli(['import', 'data/c.csv', '--campaign', 'tz', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.imported).toBe(1);
    expect(report.skipped).toEqual([{ line: 3, field: 'timezone', reason: 'unknown IANA time zone (e.g. America/New_York)' }]);
    // An offset is not a zone: it knows nothing of daylight saving time.
    p.writeCsv('data/d.csv', contactsCsv(1).replace('America/New_York', '+05:00'));
    expect(JSON.parse(p.cli(['import', 'data/d.csv', '--campaign', 'tz2', '--json']).stdout).skipped[0].field).toBe('timezone');
  });

  it('a bad zone already stored with a contact: that send fails with a reason, the rest go, SIGTERM stops the worker at once', async () => {
    sink = new SmtpSink();
    p = await makeProject({ smtpUrl: await sink.start() });
    p.writeCsv('data/c.csv', contactsCsv(3));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'tz']).status).toBe(0);
    // As if stored by an older version that did not check zones.
    const id = (await p.redis.hget(p.keys.emails('tz'), 'mentor1@example.org'))!;
    const c = JSON.parse((await p.redis.hget(p.keys.contacts('tz'), id))!);
    c.row.timezone = MARS;
    await p.redis.hset(p.keys.contacts('tz'), id, JSON.stringify(c));
    expect(p.cli(['send', '--campaign', 'tz', '--send', '--no-pacing']).status).toBe(0);

    child = p.spawnWorker();
    collect(child);
    const ledger = new Ledger(p.redis, p.keys, 'tz');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const e = await ledger.get(id, 0);
      if (sink.deliveries.length >= 2 && e?.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGTERM');
    const code = await exitWithin(child, 8000);
    expect(code).toBe(0);
    expect(sink.countTo('mentor1@example.org')).toBe(0);
    expect(sink.countTo('mentor2@example.org')).toBe(1);
    expect(sink.countTo('mentor3@example.org')).toBe(1);
    const e = await ledger.get(id, 0);
    expect(e?.state).toBe('failed');
    expect(e?.error).toContain(`timezone: unknown IANA time zone (e.g. America/New_York): "${MARS}"`);
    // The others' follow-ups were scheduled (the business-day arithmetic ended).
    expect((await ledger.all()).filter((x) => x.step === 1 && x.state === 'queued').length).toBe(2);
  });
});
