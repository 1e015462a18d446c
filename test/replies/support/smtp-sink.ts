import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the sink accepted, reduced to what the tests check. */
export interface Caught {
  to: string;
  messageId: string;
  inReplyTo?: string;
  subject: string;
  step: number;
  contactId: string;
}

export interface SmtpSink {
  url: string;
  messages: Caught[];
  stop(): Promise<void>;
}

/** A real SMTP server on loopback port 0 that keeps every message it is given. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: Caught[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((m) => {
          messages.push({
            to: (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address?.toLowerCase() ?? '',
            messageId: m.messageId ?? '',
            ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
            subject: m.subject ?? '',
            step: Number(m.headers.get('x-outreach-step') ?? -1),
            contactId: String(m.headers.get('x-outreach-contact') ?? ''),
          });
          done();
        })
        .catch((err: Error) => done(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, messages, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
