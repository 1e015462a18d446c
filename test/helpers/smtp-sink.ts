import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface Delivery {
  to: string[];
  raw: string;
  messageId: string | undefined;
}

export interface SinkOptions {
  /** Wait this long before answering the end of DATA (a slow server). */
  delayMs?: number;
  /** RCPT TO answers for chosen addresses: a code, or a list consumed one per attempt (then accept). */
  rcpt?: Record<string, number | number[]>;
  /**
   * Record this many messages, then cut the connection instead of answering the end of DATA
   * (the server has the message; the client never hears so).
   */
  cutAfterData?: number;
}

/**
 * A real SMTP server on loopback (the smtp-server package) that records what it accepted.
 * A message counts as delivered only if the client was still connected when the server
 * said 250: a client killed mid-DATA has not handed the message over.
 */
export class SmtpSink extends EventEmitter {
  readonly deliveries: Delivery[] = [];
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
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
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
          const finish = () => {
            if (this.closed.has(session.id)) return cb(new Error('client gone'));
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
          if (!this.opts.delayMs) return finish();
          this.inDelay++;
          this.emit('delay', this.inDelay);
          setTimeout(() => {
            this.inDelay--;
            finish();
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
