// `outreach cancel` racing real worker processes: once cancel has answered, nothing it
// cancelled is ever delivered, and nothing is claimed after it (ARCHITECTURE.md, invariant 1).
// The workers keep sending through a slow SMTP server while cancel runs; one is killed.
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/ledger/ledger-entry.js';
import { cliAsync, cliIn } from '../helpers/cli-process.js';
import { contactsCsv, exited, makeProject, type TestProject } from '../helpers/project.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

describe('cancel racing the workers', () => {
  let p: TestProject;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  afterEach(async () => {
    await p?.cleanup();
    await sink?.stop();
  });

  it('never lets a send go after the cancel was acknowledged, follow-ups included', async () => {
    sink = await startSmtpSink({ delayMs: 300 });
    // Follow-ups due at once, so sends that finish during the cancel try to schedule their next step.
    p = await makeProject({ smtpUrl: sink.url, config: { followups: [{ template: 'templates/followup-1.hbs', delayBusinessDays: 0 }] } });
    p.writeCsv('data/c.csv', contactsCsv(40));
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'race']);
    expect((await cliIn(p, ['send', '--campaign', 'race', '--send', '--no-pacing'])).status).toBe(0);

    const workers = [p.spawnWorker(), p.spawnWorker()];
    await new Promise<void>((resolve) => {
      const check = () => (sink.deliveries.length >= 4 ? resolve() : sink.once('delivery', check));
      check();
    });
    // In this process, so it answers while the workers are busy (a process would start too slowly).
    const cancel = await cliIn(p, ['cancel', '--campaign', 'race', '--json']);
    const ackAt = Date.now();
    expect(cancel.status).toBe(0);
    const report = JSON.parse(cancel.stdout);
    expect(report.cancelled).toBeGreaterThan(0);
    // One worker dies at once; the other finishes what it holds.
    workers[0]!.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1500));
    workers[1]!.kill('SIGTERM');
    await Promise.all(workers.map(exited));
    // A fresh worker finds nothing left to send.
    const drain = await cliAsync(p, ['worker', '--drain']);
    expect(drain.status).toBe(0);

    const entries = Object.values(await p.redis.hgetall(p.keys.ledger('race'))).map((r) => JSON.parse(r) as LedgerEntry);
    const byMessageId = new Map(entries.map((e) => [e.messageId, e]));
    const delivered = sink.deliveries.map((d) => byMessageId.get(d.messageId!));
    expect(delivered.every((e) => e !== undefined)).toBe(true);
    // Every delivered message was claimed before cancel answered...
    for (const e of delivered) expect(e!.claimedAt!).toBeLessThanOrEqual(ackAt);
    // ...and none of those cancel cancelled was delivered, nor any it blocked.
    const cancelled = entries.filter((e) => e.state === 'cancelled');
    expect(cancelled.length).toBe(report.cancelled + report.blocked);
    const deliveredIds = new Set(sink.deliveries.map((d) => d.messageId));
    for (const e of cancelled) expect(deliveredIds.has(e.messageId)).toBe(false);
    // Nothing is still waiting to go: each entry is sent, cancelled, or uncertain (the killed worker's).
    expect(entries.filter((e) => e.state === 'queued' || e.state === 'sending')).toEqual([]);
    expect(sink.deliveries.length).toBeLessThan(80);
  });
});
