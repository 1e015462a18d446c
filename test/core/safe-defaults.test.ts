// ARCHITECTURE.md, invariant 3: nothing leaves the machine without --send; with no
// transport, mail goes to the outbox folder; --no-pacing and the starter's sample values
// are refused for a mailbox that is not on this machine.
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { contactsCsv, makeProject, type TestProject } from '../helpers/project.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

describe('safe by default', () => {
  let p: TestProject;
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.stop();
    sink = undefined;
    await p?.cleanup();
  });

  it('send without --send plans and writes nothing; the worker then has nothing to send', async () => {
    sink = new SmtpSink();
    p = await makeProject({ smtpUrl: await sink.start() });
    p.writeCsv('data/c.csv', contactsCsv(3));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 'safe']).status).toBe(0);
    const before = (await p.redis.keys(`${p.prefix}:*`)).sort();
    const dry = p.cli(['send', '--campaign', 'safe']);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/dry run: 3 message\(s\) planned .*nothing queued/);
    expect((await p.redis.keys(`${p.prefix}:*`)).sort()).toEqual(before);
    expect(p.cli(['worker', '--drain']).status).toBe(0);
    expect(sink.deliveries).toEqual([]);
  });

  it('with no SMTP URL, --send writes .eml files to the outbox and nothing else', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(2));
    p.cli(['import', 'data/c.csv', '--campaign', 'safe']);
    expect(p.cli(['send', '--campaign', 'safe', '--send', '--no-pacing']).stdout).toMatch(/queued 2 message\(s\) for the outbox/);
    expect(p.cli(['worker', '--drain']).status).toBe(0);
    expect(readdirSync(`${p.dir}/data/outbox/safe`).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
  });

  it('refuses --no-pacing and sample values for an SMTP server off this machine, queueing nothing', async () => {
    p = await makeProject({ smtpUrl: 'smtp://mail.example.org:587' });
    p.writeCsv('data/c.csv', contactsCsv(2));
    p.cli(['import', 'data/c.csv', '--campaign', 'safe']);
    const fast = p.cli(['send', '--campaign', 'safe', '--send', '--no-pacing']);
    expect(fast.status).not.toBe(0);
    expect(fast.stderr).toMatch(/^error: --no-pacing: only works with the outbox or an SMTP server on loopback/m);
    const sample = p.cli(['send', '--campaign', 'safe', '--send']);
    expect(sample.status).not.toBe(0);
    expect(sample.stderr).toMatch(/sample values still in use: sender\.email/);
    expect(await p.redis.hlen(p.keys.ledger('safe'))).toBe(0);
    expect(existsSync(`${p.dir}/data/outbox`)).toBe(false);
  });
});
