// Entry point of the SMTP thread (threaded-smtp-transport.ts starts it): runs one pooled
// SmtpTransport and answers the main thread's requests, one reply per request.
import { parentPort, workerData } from 'node:worker_threads';
import { TransportError } from '../transport-error.js';
import { SmtpTransport } from './smtp-transport.js';
import type { SmtpPool } from './smtp-url.js';
import type { ThreadReply, ThreadRequest } from './threaded-smtp-transport.js';

const port = parentPort!;
const { url, pool } = workerData as { url: string; pool: SmtpPool };
const transport = new SmtpTransport(url, pool);

async function answer(req: ThreadRequest): Promise<ThreadReply> {
  try {
    if (req.op === 'send') return { id: req.id, ok: true, result: await transport.send(req.message) };
    if (req.op === 'verify') await transport.verify();
    else await transport.close();
    return { id: req.id, ok: true };
  } catch (err) {
    const e = err as Error;
    if (!(err instanceof TransportError)) return { id: req.id, ok: false, error: { message: e.message } };
    return {
      id: req.id, ok: false,
      error: { message: e.message, code: err.code, responseCode: err.responseCode, response: err.response, retryAfterMs: err.retryAfterMs },
    };
  }
}

port.on('message', (req: ThreadRequest) => {
  void answer(req).then((reply) => {
    port.postMessage(reply);
    if (req.op === 'close') port.close();
  });
});
