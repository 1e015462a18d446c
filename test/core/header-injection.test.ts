import { readFileSync, writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { HeaderValueError } from '../../src/message/compose.js';
import { buildMime } from '../../src/message/mime.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { MessageRenderer } from '../../src/render/message-renderer.js';
import { CampaignReader } from '../../src/campaign/campaign-reader.js';
import { contactId } from '../../src/campaign/contact-id.js';
import { SendQueue } from '../../src/queue/send-queue.js';
import { runSendWorker } from '../../src/send/run-send-worker.js';
import { makeProject, type TestProject } from '../helpers/project.js';
import { SmtpSink } from '../helpers/smtp-sink.js';

const CSV =
  'first_name,last_name,email,institution,topic\r\n' +
  '"Eve\r\nBcc: someone@example.org",Mallory,eve@example.org,Example University,neuro\r\n' +
  'Bob,Builder,bob@example.org,Example University,neuro\r\n';

describe('a first name carrying "\\r\\nBcc: someone@example.org"', () => {
  let p: TestProject;
  let sink: SmtpSink;
  afterEach(async () => {
    await sink?.stop();
    await p?.cleanup();
  });

  it('is refused at import, caught by lint, left out by send, and never adds a header or a recipient', async () => {
    sink = new SmtpSink();
    p = await makeProject({ smtpUrl: await sink.start(), config: { followups: [] } });
    // The subject uses the name too, the riskiest place for it.
    const tpl = `${p.dir}/templates/outreach.hbs`;
    writeFileSync(tpl, readFileSync(tpl, 'utf8').replace('subject: ', 'subject: {{first_name}}: '));
    p.writeCsv('data/evil.csv', CSV);
    // Import refuses the row, naming where it is; the other row goes in.
    const imported = p.cli(['import', 'data/evil.csv', '--campaign', 'h', '--json']);
    expect(JSON.parse(imported.stdout).imported).toBe(1);
    expect(imported.stderr).toMatch(/^data\/evil\.csv:2: first_name: line break in a value that goes into a header/m);
    // A row stored by other means (an older version, by hand) is still caught further on.
    const eveRow = { first_name: 'Eve\r\nBcc: someone@example.org', last_name: 'Mallory', email: 'eve@example.org', institution: 'Example University', topic: 'neuro' };
    const eveId = contactId('h', 'eve@example.org');
    await p.redis.hset(p.keys.emails('h'), 'eve@example.org', eveId);
    await p.redis.hset(p.keys.contacts('h'), eveId, JSON.stringify({ id: eveId, email: 'eve@example.org', row: eveRow, source: 'data/evil.csv:2' }));
    await p.redis.zadd(p.keys.order('h'), 0, eveId);

    const lint = p.cli(['lint', '--campaign', 'h']);
    expect(lint.status).toBe(1);
    expect(lint.stdout).toMatch(/data\/evil\.csv:2: eve@example\.org: .*first_name: line break/);
    expect(lint.stdout).toMatch(/eve@example\.org: .*subject: contains a line break/);
    const strict = p.cli(['send', '--campaign', 'h', '--send', '--strict']);
    expect(strict.status).not.toBe(0);
    expect(strict.stderr).toMatch(/nothing queued/);
    // Without --strict, the clean contact is queued and this one is listed, with its reason.
    const send = p.cli(['send', '--campaign', 'h', '--send']);
    expect(send.status).toBe(0);
    expect(send.stdout).toMatch(/queued 1 message/);
    expect(send.stderr).toMatch(/eve@example\.org: .*first_name: line break/);

    // Even if such a job reached a worker (queued by hand, bypassing lint), nothing goes out for it.
    const reader = new CampaignReader(p.redis, p.keys, 'h');
    const renderer = MessageRenderer.load(p.project, p.profile);
    const queue = new SendQueue(p.redis, p.keys, 'applicant@example.com', p.project.config.retry);
    const ledger = new Ledger(p.redis, p.keys, 'h');
    for (const c of await reader.all()) {
      await ledger.enqueue({ state: 'queued', contactId: c.id, step: 0, messageId: renderer.messageId('h', c, 0), queuedAt: 0, updatedAt: 0, attempts: 0 });
      await queue.add({ campaign: 'h', contactId: c.id, step: 0, noPacing: true });
    }
    await queue.close();
    const w = await runSendWorker(p.project, p.profile, { drain: true, log: () => {} });
    await w.done;

    // Bob's own queued send and the one added by hand are one send.
    expect(sink.rcptAttempts).toEqual(['bob@example.org']);
    expect(sink.deliveries.length).toBe(1);
    expect(sink.deliveries[0]!.raw).not.toMatch(/^Bcc:/im);
    const eve = await ledger.get((await reader.idByEmail('eve@example.org'))!, 0);
    expect(eve?.state).toBe('failed');

    // Composing refuses the value itself, whoever calls it...
    const evil = (await reader.all()).find((c) => c.email === 'eve@example.org')!;
    expect(() => renderer.render('h', { ...evil, row: { ...evil.row } }, 0)).toThrow(HeaderValueError);
    // ...and the MIME builder, handed such a name anyway, keeps it inside one encoded header.
    const bob = (await reader.all()).find((c) => c.email === 'bob@example.org')!;
    const { message } = renderer.render('h', bob, 0);
    const parsed = await simpleParser(await buildMime({ ...message, to: { name: `${evil.row.first_name} ${evil.row.last_name}`, address: evil.email }, subject: 'x' }));
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.to && 'value' in parsed.to ? parsed.to.value.map((v) => v.address) : []).toEqual(['eve@example.org']);
  });
});
