// Case 1 of "fixing mistakes": a bad row can be fixed by importing the corrected CSV again,
// and one bad row never blocks the rest. Real CLI processes, real Redis, a real SMTP server.
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { cliAsync, cliIn } from '../helpers/cli-process.js';
import { makeProject, type TestProject } from '../helpers/project.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

const HEAD = 'first_name,last_name,email,institution,topic,timezone';
const good = (i: number, inst = `Example University ${i}`) => `First${i},Last${i},mentor${i}@example.org,${inst},neuro,America/New_York`;

describe('a bad row', () => {
  let p: TestProject;
  let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  afterEach(async () => {
    await p?.cleanup();
    await sink?.stop();
    sink = undefined;
  });

  it('is refused at import when a name has a line break, naming file:line and field; the other rows go in', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', `${HEAD}\n${good(1)}\n"Ada\nEvil: x",Last2,mentor2@example.org,U2,neuro,America/New_York\n${good(3)}\n`);
    const r = (await cliIn(p, ['import', 'data/c.csv', '--campaign', 'fix']));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^data\/c\.csv:3: first_name: line break in a value that goes into a header \(row skipped\)$/m);
    expect(r.stdout).toMatch(/imported 2 contact\(s\)/);
  });

  it('leaves the rest queued (send lists it with its reason, exit 0); --strict queues nothing; the fixed row updates its contact', async () => {
    p = await makeProject();
    // Row 3 has no institution, which the starter template needs for that row.
    p.writeCsv('data/c.csv', `${HEAD}\n${good(1)}\nFirst2,Last2,mentor2@example.org,,neuro,America/New_York\n${good(3)}\n`);
    expect(JSON.parse((await cliIn(p, ['import', 'data/c.csv', '--campaign', 'fix', '--json'])).stdout)).toEqual({ imported: 3, updated: 0, existing: 0, skipped: [] });

    const strict = (await cliIn(p, ['send', '--campaign', 'fix', '--send', '--strict']));
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/nothing queued \(--strict\)/);
    expect(await p.redis.hlen(p.keys.ledger('fix'))).toBe(0);

    const send = (await cliIn(p, ['send', '--campaign', 'fix', '--send', '--no-pacing']));
    expect(send.status).toBe(0);
    expect(send.stdout).toMatch(/queued 2 message\(s\)/);
    expect(send.stderr).toMatch(/^data\/c\.csv:3: mentor2@example\.org: fix first email: institution: missing/m);

    // A contact that will never be written to is not linted: suppressing it clears lint.
    expect((await cliIn(p, ['lint', '--campaign', 'fix'])).status).toBe(1);
    await cliIn(p, ['suppress', 'add', 'mentor2@example.org']);
    expect((await cliIn(p, ['lint', '--campaign', 'fix'])).status).toBe(0);
    await cliIn(p, ['suppress', 'remove', 'mentor2@example.org']);

    // Fix the row and import again: the contact is updated, the others are unchanged.
    p.writeCsv('data/c.csv', `${HEAD}\n${good(1)}\n${good(2, 'Fixed Institute')}\n${good(3)}\n`);
    const again = JSON.parse((await cliIn(p, ['import', 'data/c.csv', '--campaign', 'fix', '--json'])).stdout);
    expect(again).toMatchObject({ imported: 0, updated: 1, existing: 2 });
    expect(again.skipped.map((s: { line: number }) => s.line)).toEqual([2, 4]);
    expect((await cliIn(p, ['lint', '--campaign', 'fix'])).status).toBe(0);
    const rest = (await cliIn(p, ['send', '--campaign', 'fix', '--send', '--no-pacing']));
    expect(rest.stdout).toMatch(/queued 1 message\(s\)/);
    const list = JSON.parse((await cliIn(p, ['contacts', 'list', '--campaign', 'fix', '--json'])).stdout);
    expect(list.map((c: { state: string }) => c.state)).toEqual([expect.stringMatching(/^first email queued/), expect.stringMatching(/^first email queued/), expect.stringMatching(/^first email queued/)]);
  });

  it('a contact updated before its send gets the new values; one already written to is reported, not changed', async () => {
    sink = await startSmtpSink();
    p = await makeProject({ smtpUrl: sink.url });
    p.writeCsv('data/c.csv', `${HEAD}\n${good(1, 'Old Hospital')}\n${good(2, 'Old College')}\n`);
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'upd']);
    await cliIn(p, ['send', '--campaign', 'upd', '--send', '--no-pacing', '--limit', '1']);
    expect((await cliAsync(p, ['worker', '--drain'])).status).toBe(0);
    expect(sink.countTo('mentor1@example.org')).toBe(1);
    await cliIn(p, ['send', '--campaign', 'upd', '--send', '--no-pacing']); // mentor2 queued, not sent

    p.writeCsv('data/c.csv', `${HEAD}\n${good(1, 'New Hospital')}\n${good(2, 'New College')}\n`);
    const r = (await cliIn(p, ['import', 'data/c.csv', '--campaign', 'upd', '--json']));
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ imported: 0, updated: 1, existing: 1 });
    expect(report.skipped).toEqual([{ line: 2, field: 'institution', reason: expect.stringMatching(/already written to/) }]);
    const shown = JSON.parse((await cliIn(p, ['contacts', 'show', '--campaign', 'upd', '--contact', 'mentor1@example.org', '--json'])).stdout);
    expect(shown.row.institution).toBe('Old Hospital');

    expect((await cliAsync(p, ['worker', '--drain'])).status).toBe(0);
    const second = await simpleParser(sink.deliveries.find((d) => d.to.includes('mentor2@example.org'))!.raw);
    expect(second.text).toContain('research at New College,');
    expect(second.text).not.toContain('Old College');
  });

  it('contacts remove takes out a contact nothing was sent to, and refuses one already written to', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', `${HEAD}\n${good(1)}\n${good(2)}\n`);
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'rm']);
    await cliIn(p, ['send', '--campaign', 'rm', '--send', '--no-pacing', '--limit', '1']);
    expect(p.cli(['worker', '--drain']).status).toBe(0);
    const refused = (await cliIn(p, ['contacts', 'remove', '--campaign', 'rm', '--contact', 'mentor1@example.org']));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/already written to/);
    expect((await cliIn(p, ['contacts', 'remove', '--campaign', 'rm', '--contact', 'MENTOR2@example.org'])).stdout).toMatch(/removed mentor2@example\.org/);
    const list = JSON.parse((await cliIn(p, ['contacts', 'list', '--campaign', 'rm', '--json'])).stdout);
    expect(list.map((c: { email: string }) => c.email)).toEqual(['mentor1@example.org']);
    expect(list[0].state).toMatch(/^first email sent/);
  });
});
