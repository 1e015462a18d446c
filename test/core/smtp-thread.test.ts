// The SMTP thread (transports/smtp/threaded-smtp-transport.ts) against a real SMTP server:
// every answer comes back as the same TransportError code the in-thread transport gave, and a
// thread that dies while it holds a send reports that send as uncertain, never as not sent.
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/message/outgoing-message.js';
import { TransportError } from '../../src/transports/transport-error.js';
import { ThreadedSmtpTransport } from '../../src/transports/smtp/threaded-smtp-transport.js';
import { SmtpSink, type SinkOptions } from '../helpers/smtp-sink.js';

const message = (to: string, n = 0): OutgoingMessage => ({
  from: { name: 'Applicant', address: 'applicant@example.com' },
  to: { name: 'Dr. Mentor', address: to },
  subject: `Research question ${n}`,
  text: 'Dear Dr. Mentor,\n\nA short question.\n',
  messageId: `<t${n}.${Date.now()}@example.com>`,
  headers: {},
});

const codeOf = (p: Promise<unknown>) =>
  p.then(() => 'sent', (e: unknown) => (e instanceof TransportError ? `${e.code}${e.responseCode ? ` ${e.responseCode}` : ''}` : `not a TransportError: ${String(e)}`));

describe('SMTP from its own thread', () => {
  let sink: SmtpSink | undefined;
  let t: ThreadedSmtpTransport | undefined;
  afterEach(async () => {
    await t?.close();
    await sink?.stop();
  });

  async function start(opts: SinkOptions = {}) {
    sink = new SmtpSink(opts);
    t = new ThreadedSmtpTransport(await sink.start(), { maxConnections: 2, maxMessages: 100 });
    return t;
  }

  it('sends, and brings back each refusal with its code', async () => {
    const tr = await start({ rcpt: { 'gone@example.org': 550, 'later@example.org': [451] } });
    const ok = await tr.send(message('mentor@example.org', 1));
    expect(ok.accepted).toEqual(['mentor@example.org']);
    expect(await codeOf(tr.send(message('gone@example.org', 2)))).toBe('EREJECTED 550');
    // 451 once: temporary, nothing delivered; the next try goes through.
    expect(await codeOf(tr.send(message('later@example.org', 3)))).toBe('ETRANSPORT 451');
    expect(await codeOf(tr.send(message('later@example.org', 4)))).toBe('sent');
    expect(sink!.deliveries.map((d) => d.to[0])).toEqual(['mentor@example.org', 'later@example.org']);
  });

  it('a connection cut after the server took the data: uncertain', async () => {
    const tr = await start({ cutAfterData: 1 });
    expect(await codeOf(tr.send(message('mentor@example.org')))).toBe('EUNCERTAIN');
  });

  it('a thread that dies during a send: that send is uncertain, the next one starts a new thread', async () => {
    const tr = await start({ delayMs: 2_000 });
    const inFlight = codeOf(tr.send(message('slow@example.org', 1)));
    // The server has the whole message and is slow to answer: the send is in the thread's hands.
    await new Promise<void>((resolve) => sink!.once('delay', () => resolve()));
    const thread = (tr as unknown as { thread: Worker }).thread;
    await thread.terminate();
    expect(await inFlight).toBe('EUNCERTAIN');
    expect(await codeOf(tr.send(message('next@example.org', 2)))).toBe('sent');
  });
});
