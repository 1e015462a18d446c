// A template fixed while the worker runs is used for the sends still queued (README, "A
// template fixed after queueing"): the renderer looks at the file again, compiles a new text
// once, and a file saved with an error fails only the sends rendered from it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CampaignReader } from '../../src/campaign/campaign-reader.js';
import type { UserError } from '../../src/errors/user-error.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { MessageRenderer } from '../../src/render/message-renderer.js';
import { runSendWorker } from '../../src/send/run-send-worker.js';
import { contactsCsv, makeProject, type TestProject } from '../helpers/project.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

describe('a template fixed while the worker runs', () => {
  let p: TestProject;
  let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  afterEach(async () => {
    await sink?.stop();
    await p?.cleanup();
  });

  const subjectLine = (text: string, subject: string) => text.replace(/^subject:.*$/m, `subject: ${subject}`);

  it('the renderer picks up a new text, reports a broken one by file and line, and recovers', async () => {
    p = await makeProject({ config: { followups: [] } });
    p.writeCsv('data/c.csv', contactsCsv(1));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 't']).status).toBe(0);
    const [contact] = await new CampaignReader(p.redis, p.keys, 't').all();
    const file = path.join(p.dir, 'templates/outreach.hbs');
    const original = readFileSync(file, 'utf8');
    const r = MessageRenderer.load(p.project, p.profile, { recheckMs: 0 });
    const before = r.renderText(contact!, 0).subject;

    writeFileSync(file, subjectLine(original, 'Question about your {{topic}} work'));
    expect(r.renderText(contact!, 0).subject).toBe(`Question about your ${contact!.row.topic} work`);

    // A typo saved: the send fails with the place of the error, not with the old text.
    writeFileSync(file, subjectLine(original, 'Question about your {{topic work'));
    const err = (() => { try { r.renderText(contact!, 0); } catch (e) { return e as UserError; } })();
    expect(err?.line()).toMatch(/^templates\/outreach\.hbs:2:\d+: syntax error/);

    writeFileSync(file, original);
    expect(r.renderText(contact!, 0).subject).toBe(before);
  });

  it('a running worker sends the fixed subject to the contacts still queued', async () => {
    // Each send is answered after 1.5 s: the template is edited while the first one is out.
    sink = await startSmtpSink({ delayMs: 1500 });
    p = await makeProject({ smtpUrl: sink.url, config: { followups: [], worker: { concurrency: 1, heartbeatSeconds: 0.5, lockSeconds: 5 } } });
    p.writeCsv('data/c.csv', contactsCsv(2));
    expect(p.cli(['import', 'data/c.csv', '--campaign', 't']).status).toBe(0);
    expect(p.cli(['send', '--campaign', 't', '--send', '--no-pacing']).status).toBe(0);
    const file = path.join(p.dir, 'templates/outreach.hbs');
    const fixed = subjectLine(readFileSync(file, 'utf8'), 'Fixed subject for Dr. {{last_name}}');

    const w = await runSendWorker(p.project, p.profile, { drain: true, log: () => {} });
    await new Promise<void>((resolve) => sink!.once('delay', () => resolve()));
    writeFileSync(file, fixed);
    await w.done;

    const subjects = sink.messages.map((m) => m.subject);
    expect(subjects).toHaveLength(2);
    expect(subjects[0]).not.toMatch(/^Fixed subject/);
    expect(subjects[1]).toMatch(/^Fixed subject for Dr\. /);
    // The ledger keeps the subject each contact actually got.
    const entries = await new Ledger(p.redis, p.keys, 't').all();
    expect(entries.map((e) => e.subject).sort()).toEqual([...subjects].sort());
  });
});
