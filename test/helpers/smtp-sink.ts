import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { HEADER_KEYS } from '../../src/message/headers.js';

export interface Delivery {
  to: string[];
  raw: string;
  messageId: string | undefined;
}

/** One accepted message, parsed and reduced to what the reply tests check. */
export interface Caught {
  to: string;
  messageId: string;
  inReplyTo?: string;
  subject: string;
  step: number;
  contactId: string;
}

export interface SinkOptions {
  /** Parse each accepted message into `messages` (before the 250, so a test sees it at once). */
  parse?: boolean;
  /** Wait this long before answering the end of DATA (a slow server). */
  delayMs?: number;
  /** RCPT TO answers for chosen addresses: a code, or a list consumed one per attempt (then accept). */
  rcpt?: Record<string, number | number[]>;
  /**
   * Record this many messages, then cut the connection instead of answering the end of DATA
   * (the server has the message; the client never hears so).
   */
  cutAfterData?: number;
  /**
   * Offer AUTH (without TLS, on loopback) and accept only this user and password; any other
   * login gets 535, as a real server refuses a wrong password. Without it, AUTH is off.
   */
  auth?: { user: string; pass: string };
}

/**
 * A real SMTP server on loopback (the smtp-server package) that records what it accepted.
 * A message counts as delivered only if the client was still connected when the server
 * said 250: a client killed mid-DATA has not handed the message over.
 */
export class SmtpSink extends EventEmitter {
  readonly deliveries: Delivery[] = [];
  /** With `parse`: each accepted message, parsed. */
  readonly messages: Caught[] = [];
  readonly rcptAttempts: string[] = [];
  inDelay = 0;
  /** Messages recorded and then answered by a cut connection. */
  cut = 0;
  private readonly closed = new Set<string>();
  private server: SMTPServer;
  port = 0;

  constructor(private readonly opts: SinkOptions = {}) {
    super();
    const rcpt = new Map(Object.entries(opts.rcpt ?? {}).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? [...v] : v]));
    const auth = opts.auth;
    this.server = new SMTPServer({
      authOptional: !auth,
      disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      allowInsecureAuth: Boolean(auth),
      onAuth: (login, _session, cb) => {
        if (auth && login.username === auth.user && login.password === auth.pass) return cb(null, { user: login.username });
        cb(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
      },
      disableReverseLookup: true,
      logger: false,
      onClose: (session: SMTPServerSession) => this.closed.add(session.id),
      onRcptTo: (address, _session, cb) => {
        const a = address.address.toLowerCase();
        this.rcptAttempts.push(a);
        const rule = rcpt.get(a);
        const code = Array.isArray(rule) ? rule.shift() : rule;
        if (code) {
          const err = Object.assign(new Error(`${code} refused by test sink`), { responseCode: code });
          return cb(err);
        }
        cb();
      },
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const finish = async () => {
            // Let pending socket events run first: on a loaded machine a delay's timer can fire
            // before the close of a killed client is read, which would count a message the
            // client never saw accepted.
            await new Promise((r) => setImmediate(r));
            if (this.closed.has(session.id)) return cb(new Error('client gone'));
            if (this.opts.parse) this.messages.push(await caught(raw));
            this.deliveries.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              raw,
              messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1],
            });
            this.emit('delivery');
            if (this.cut < (this.opts.cutAfterData ?? 0)) {
              this.cut++;
              const conn = [...(this.server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections].find((c) => c.id === session.id);
              return conn?._socket.destroy();
            }
            cb();
          };
          if (!this.opts.delayMs) return void finish().catch((err: Error) => cb(err));
          this.inDelay++;
          this.emit('delay', this.inDelay);
          setTimeout(() => {
            this.inDelay--;
            void finish().catch((err: Error) => cb(err));
          }, this.opts.delayMs);
        });
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  countTo(address: string): number {
    return this.deliveries.filter((d) => d.to.includes(address.toLowerCase())).length;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function caught(raw: string): Promise<Caught> {
  const m = await simpleParser(raw);
  return {
    to: (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address?.toLowerCase() ?? '',
    messageId: m.messageId ?? '',
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
    subject: m.subject ?? '',
    step: Number(m.headers.get(HEADER_KEYS.step) ?? -1),
    contactId: String(m.headers.get(HEADER_KEYS.contact) ?? ''),
  };
}

/** A started sink that parses what it accepts: `url`, `messages`, `stop()`. */
export async function startSmtpSink(opts: Omit<SinkOptions, 'parse'> = {}): Promise<SmtpSink & { url: string }> {
  const sink = new SmtpSink({ ...opts, parse: true });
  const url = await sink.start();
  return Object.assign(sink, { url });
}
