import { Worker } from 'node:worker_threads';
import type { OutgoingMessage, SendResult, Transport } from '../transport.js';
import { TransportError, type TransportErrorCode } from '../transport-error.js';
import { isLoopbackUrl, parseSmtpUrl, type SmtpPool } from './smtp-url.js';

/** A request to the SMTP thread, and its one reply. */
type Request = { op: 'send'; message: OutgoingMessage } | { op: 'verify' | 'close' };
export type ThreadRequest = Request & { id: number };
export type ThreadReply =
  | { id: number; ok: true; result?: SendResult }
  | { id: number; ok: false; error: { message: string; code?: TransportErrorCode; responseCode?: number; response?: string; retryAfterMs?: number } };

/** The built thread entry. Under the test runner this file runs as TypeScript; a thread needs the JavaScript in dist/. */
function threadEntry(): URL {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL(here.replace(/\/src\/transports\/smtp\/threaded-smtp-transport\.ts$/, '/dist/src/transports/smtp/smtp-thread.js'));
  return new URL('./smtp-thread.js', here);
}

/**
 * SMTP from a thread of its own (ARCHITECTURE.md, "Processes"). An SMTP conversation is a
 * chain of short replies; in the worker's main thread each reply waits its turn behind the
 * Redis and rendering work of the other sends, and the connections stand idle meanwhile.
 * In a thread that does nothing else, the pool runs as fast as nodemailer alone.
 *
 * The thread starts on the first request (an idle worker costs no more memory). Errors come
 * back as the same TransportError codes. If the thread dies, the sends it held are
 * "uncertain": each may have reached the server (ARCHITECTURE.md, invariant 1).
 */
export class ThreadedSmtpTransport implements Transport {
  readonly kind = 'smtp' as const;
  readonly leavesMachine: boolean;
  private thread: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { op: ThreadRequest['op']; resolve: (r: ThreadReply) => void }>();
  /**
   * Free places: two per connection, the message on the wire and the next one, claimed and
   * waiting in the pool so the connection never stands idle between two messages (measured:
   * one per connection cost a seventh of the throughput). And who waits for a place.
   */
  private free: number;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly url: string, private readonly pool: SmtpPool) {
    parseSmtpUrl(url);
    this.leavesMachine = !isLoopbackUrl(url);
    this.free = pool.maxConnections * 2;
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next) next();
      else this.free++;
    };
  }

  private start(): Worker {
    if (this.thread) return this.thread;
    const thread = new Worker(threadEntry(), { workerData: { url: this.url, pool: this.pool } });
    thread.on('message', (reply: ThreadReply) => {
      const w = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) thread.unref();
      w?.resolve(reply);
    });
    const stopped = (why: string) => {
      if (this.thread === thread) this.thread = undefined;
      for (const [id, w] of this.waiting) {
        const code: TransportErrorCode = w.op === 'send' ? 'EUNCERTAIN' : 'ETRANSPORT';
        w.resolve({ id, ok: false, error: { code, message: `the SMTP thread stopped (${why})${w.op === 'send' ? ' during the send' : ''}` } });
      }
      this.waiting.clear();
    };
    thread.on('error', (err: Error) => stopped(err.message));
    thread.on('exit', (code) => stopped(`exit code ${code}`));
    this.thread = thread;
    return thread;
  }

  private async ask(req: Request): Promise<SendResult | undefined> {
    const thread = this.start();
    const id = this.nextId++;
    const reply = await new Promise<ThreadReply>((resolve) => {
      this.waiting.set(id, { op: req.op, resolve });
      thread.ref();
      thread.postMessage({ ...req, id });
    });
    if (reply.ok) return reply.result;
    const e = reply.error;
    if (!e.code) throw new Error(e.message);
    throw new TransportError(e.code, e.message, { responseCode: e.responseCode, response: e.response, retryAfterMs: e.retryAfterMs });
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    return (await this.ask({ op: 'send', message }))!;
  }

  async verify(): Promise<void> {
    await this.ask({ op: 'verify' });
  }

  /** Closes the pool once the sends in hand are answered, then the thread. */
  async close(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    await this.ask({ op: 'close' }).catch(() => undefined);
    await thread.terminate();
  }
}
