// Cases 6, 7 and 8 of "fixing mistakes": waiting is explained (worker --drain's last line,
// status in the user's own time), preview shows what the recipient reads, and template
// errors name the template (file, line, column) once.
import { readFileSync, writeFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { cliAsync, cliIn } from '../helpers/cli-process.js';
import { contactsCsv, makeProject, OPEN_PACING, type TestProject } from '../helpers/project.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

describe('waiting looks like waiting', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  it('outside the sending window, worker --drain says when the first send is due and why; status says it in the user\'s time', async () => {
    // The only sending day is three days from now in New York, so the window is closed now.
    const day = DateTime.now().setZone('America/New_York').plus({ days: 3 });
    p = await makeProject({ config: { pacing: { ...OPEN_PACING, days: [DAYS[day.weekday - 1]], hours: { start: '08:00', end: '11:00' } } } });
    p.writeCsv('data/c.csv', contactsCsv(2));
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'wait']);
    await cliIn(p, ['send', '--campaign', 'wait', '--send']);
    const due = day.set({ hour: 8, minute: 0, second: 0, millisecond: 0 });
    const tokyo = due.setZone('Asia/Tokyo').toFormat('ccc dd LLL HH:mm');

    const drain = await cliAsync(p, ['worker', '--drain'], { TZ: 'Asia/Tokyo' });
    expect(drain.status).toBe(0);
    expect(drain.stdout.trim().split('\n').at(-1)).toBe(
      `sent 0 message(s); next send due ${tokyo} your time (08:00 America/New_York) to mentor1@example.org: outside the sending window (${DAYS[day.weekday - 1]![0]!.toUpperCase()}${DAYS[day.weekday - 1]!.slice(1)} 08:00–11:00, recipient's time)`,
    );
    const status = await cliAsync(p, ['status', '--campaign', 'wait'], { TZ: 'Asia/Tokyo' });
    expect(status.stdout).toContain(`next send ${tokyo} your time (08:00 America/New_York) to mentor1@example.org`);
  });

  it.each([
    ['the daily cap', { dailyCap: 1 }, /sent 1 message\(s\); next send due .* to mentor2@example\.org: the daily cap of 1 messages in 24 h is reached$/],
    ['a batch pause', { batchSize: 1, batchPauseMinutes: 90 }, /sent 1 message\(s\); next send due .* to mentor2@example\.org: batch pause \(90 min after 1 messages\)$/],
  ])('after %s, the last line says so, and log lines name the address', async (_why, pacing, last) => {
    p = await makeProject({ config: { pacing: { ...OPEN_PACING, ...pacing } } });
    p.writeCsv('data/c.csv', contactsCsv(2));
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'cap']);
    await cliIn(p, ['send', '--campaign', 'cap', '--send']);
    const drain = await cliAsync(p, ['worker', '--drain']);
    expect(drain.status).toBe(0);
    expect(drain.stdout).toMatch(/^sent cap step 0 to mentor1@example\.org/m);
    expect(drain.stdout.trim().split('\n').at(-1)).toMatch(last);
  });
});

describe('preview', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());

  it('shows decoded headers and body by default, and the wire format with --raw', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', 'first_name,last_name,email,institution,topic\nAna,Clarençon,ana@example.org,Hôpital Lariboisière,neuro\n');
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'pv']);
    const shown = (await cliIn(p, ['preview', '--campaign', 'pv'])).stdout;
    expect(shown).toMatch(/^To: Ana Clarençon <ana@example\.org>$/m);
    expect(shown).toMatch(/^Subject: Interest in helping with your neuro imaging research$/m);
    expect(shown).toContain('Dear Dr. Clarençon,');
    expect(shown).toContain('at the Hôpital Lariboisière, and it is exactly');
    expect(shown).not.toMatch(/=C3|=\?UTF-8\?|=\n/);
    const raw = (await cliIn(p, ['preview', '--campaign', 'pv', '--raw'])).stdout;
    expect(raw).toMatch(/^To: =\?UTF-8\?Q\?/m);
    expect(raw).toContain('Claren=C3=A7on');
  });
});

describe('template errors', () => {
  let p: TestProject;
  afterEach(async () => p?.cleanup());
  const tpl = () => `${p.dir}/templates/outreach.hbs`;
  const where = (needle: string) => {
    const lines = readFileSync(tpl(), 'utf8').split('\n');
    const i = lines.findIndex((l) => l.includes(needle));
    return `templates/outreach.hbs:${i + 1}:${lines[i]!.indexOf(needle) + 1}`;
  };

  it('a misspelt field is one template problem, not one per row; a column some rows lack is the row\'s', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', `${contactsCsv(3)}First4,Last4,mentor4@example.org,,neuro,America/New_York\n`);
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'tp']);
    writeFileSync(tpl(), readFileSync(tpl(), 'utf8').replace('at {{the institution}}, and it is exactly', 'at {{instituton}}, and it is exactly'));
    const lint = await cliIn(p, ['lint', '--campaign', 'tp']);
    expect(lint.status).toBe(1);
    expect(lint.stdout.trim().split('\n')).toEqual([`${where('instituton}}')}: "instituton" is not defined: no row has a "instituton" column`]);
    const send = await cliIn(p, ['send', '--campaign', 'tp', '--send']);
    expect(send.status).toBe(1);
    expect(send.stderr.split('\n')[0]).toBe(`error: ${where('instituton}}')}: "instituton" is not defined: no row has a "instituton" column; nothing queued`);

    writeFileSync(tpl(), readFileSync(tpl(), 'utf8').replace('{{instituton}}', '{{the institution}}'));
    const rows = await cliIn(p, ['lint', '--campaign', 'tp']);
    expect(rows.stdout.trim()).toBe('data/c.csv:5: mentor4@example.org: tp first email: institution: missing (the row has no value for it)');
  });

  it('a syntax error is reported once, with file, line, column and the whole message', async () => {
    p = await makeProject();
    p.writeCsv('data/c.csv', contactsCsv(3));
    await cliIn(p, ['import', 'data/c.csv', '--campaign', 'tp']);
    writeFileSync(tpl(), readFileSync(tpl(), 'utf8').replace('{{sentence profile.skills}}', '{{sentence profile.skills}'));
    for (const args of [['lint', '--campaign', 'tp'], ['preview', '--campaign', 'tp', '--limit', '3'], ['send', '--campaign', 'tp', '--send']]) {
      const r = await cliIn(p, args);
      expect(r.status).toBe(1);
      const at = where('{{sentence profile.skills}');
      expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^error: ${at.replace(/[.]/g, '\\.').replace(/:\d+$/, '')}:\\d+: syntax error: found .+, expected "}}"`));
      expect(r.stderr.match(/outreach\.hbs/g)).toHaveLength(1);
    }
  });
});
