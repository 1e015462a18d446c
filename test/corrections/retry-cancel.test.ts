// Cases 2 and 3 of "fixing mistakes": a send that failed (a template broken after queueing)
// is retried once the template is fixed, with its --no-pacing kept; queued sends can be
// paused, resumed and cancelled, and a cancelled send stays cancelled unless retried by name.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cliAsync, cliIn } from '../helpers/cli-process.js';
import { contactsCsv, makeProject, type TestProject } from '../helpers/project.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

describe('retry, cancel, pause', () => {
  let p: TestProject;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  afterEach(async () => {
    await p?.cleanup();
    await sink?.stop();
  });

  it('a send failed by a template edited after queueing is retried, with --no-pacing, once the template is fixed', async () => {
    sink = await startSmtpSink();
    // Paced sends would wait days under this window; the retried send must keep --no-pacing to go now.
    p = await makeProject({ smtpUrl: sink.url, config: { pacing: { dailyCap: 1, days: ['mon'], hours: { start: '00:00', end: '00:01' } } } });
    p.writeCsv('data/c.csv', contactsCsv(2));
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'tpl']);
    expect((await cliIn(p, ['send', '--campaign', 'tpl', '--send', '--no-pacing'])).status).toBe(0);
    const file = `${p.dir}/templates/outreach.hbs`;
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('at {{the institution}}, and it is exactly', 'at {{instituton}}, and it is exactly'));

    const drained = await cliAsync(p, ['worker', '--drain']);
    expect(drained.status).toBe(0);
    expect(drained.stdout).toMatch(/failed tpl step 0 to mentor1@example\.org: render: templates\/outreach\.hbs:\d+:\d+: "instituton" is not defined/);
    expect(drained.stdout).toMatch(/sent 0 message\(s\).*outreach retry --campaign tpl/);
    expect(sink.deliveries).toHaveLength(0);
    expect(JSON.parse((await cliIn(p, ['status', '--campaign', 'tpl', '--json'])).stdout)).toMatchObject({ failed: 2, queued: 0 });
    // send does not queue them again, and says what does.
    const send = await cliIn(p, ['send', '--campaign', 'tpl', '--send', '--no-pacing']);
    expect(send.stdout).toMatch(/2 failed: "outreach retry --campaign tpl"/);

    // Still broken: retry leaves them failed and says why.
    const early = await cliIn(p, ['retry', '--campaign', 'tpl']);
    expect(early.status).toBe(0);
    expect(early.stderr).toMatch(/mentor1@example\.org: first email still fails: templates\/outreach\.hbs:\d+:\d+: "instituton" is not defined/);

    writeFileSync(file, good);
    const retry = await cliIn(p, ['retry', '--campaign', 'tpl', '--json']);
    expect(JSON.parse(retry.stdout).requeued).toHaveLength(2);
    expect((await cliAsync(p, ['worker', '--drain'])).status).toBe(0);
    expect(sink.deliveries.map((d) => d.to[0]).sort()).toEqual(['mentor1@example.org', 'mentor2@example.org']);
    const again = await cliIn(p, ['retry', '--campaign', 'tpl']);
    expect([again.status, again.stdout.trim()]).toEqual([0, 'nothing to retry in "tpl"']);
  });

  it('pause holds every send, resume releases them, cancel stops one for good unless retried by name', async () => {
    sink = await startSmtpSink();
    p = await makeProject({ smtpUrl: sink.url });
    p.writeCsv('data/c.csv', contactsCsv(3));
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'pz']);
    await cliIn(p, ['send', '--campaign', 'pz', '--send', '--no-pacing']);
    expect((await cliIn(p, ['pause', '--campaign', 'PZ'])).stdout).toMatch(/paused "pz"/);
    const held = await cliAsync(p, ['worker', '--drain']);
    expect(held.status).toBe(0);
    expect(sink.deliveries).toHaveLength(0);
    expect(held.stdout).toMatch(/sent 0 message\(s\); next send due .*: campaign "pz" is paused/);
    expect(JSON.parse((await cliIn(p, ['status', '--campaign', 'pz', '--json'])).stdout)).toMatchObject({ paused: true, queued: 3 });

    const cancel = await cliIn(p, ['cancel', '--campaign', 'pz', '--contact', 'mentor2@example.org']);
    expect(cancel.stdout).toMatch(/cancelled 1 queued send/);
    await cliIn(p, ['resume', '--campaign', 'pz']);
    expect((await cliAsync(p, ['worker', '--drain'])).status).toBe(0);
    expect(sink.deliveries.map((d) => d.to[0]).sort()).toEqual(['mentor1@example.org', 'mentor3@example.org']);
    expect(JSON.parse((await cliIn(p, ['status', '--campaign', 'pz', '--json'])).stdout)).toMatchObject({ paused: false, sent: 2, cancelled: 2 });

    // send never queues a cancelled send again; retry without --contact leaves it; with it, it goes.
    await cliIn(p, ['send', '--campaign', 'pz', '--send', '--no-pacing']);
    expect((await cliIn(p, ['retry', '--campaign', 'pz'])).stdout).toMatch(/nothing to retry/);
    expect((await cliAsync(p, ['worker', '--drain'])).status).toBe(0);
    expect(sink.countTo('mentor2@example.org')).toBe(0);
    expect((await cliIn(p, ['retry', '--campaign', 'pz', '--contact', 'mentor2@example.org'])).stdout).toMatch(/queued 1 send\(s\) again/);
    expect((await cliAsync(p, ['worker', '--drain'])).status).toBe(0);
    expect(sink.countTo('mentor2@example.org')).toBe(1);
  });
});
