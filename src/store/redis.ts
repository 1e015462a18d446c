import { Redis, type RedisOptions } from 'ioredis';
import { UserError } from '../errors/user-error.js';

/** The URL with any password replaced, safe for logs and error lines. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable URL)';
  }
}

function unreachable(url: string, cause: unknown): UserError {
  const code = (cause as NodeJS.ErrnoException)?.code ?? (cause as Error)?.message ?? 'no answer';
  return new UserError(`cannot connect to Redis (${code})`, {
    where: redactUrl(url),
    hint: 'run "outreach doctor" to see what is missing; "outreach redis start" runs one for this project, or set REDIS_URL',
    cause,
  });
}

/**
 * Connects a lazy client, or throws one UserError pointing to `outreach doctor`. Errors are
 * reported through that, once; the socket's own error (ECONNREFUSED, ...) says more than
 * the "Connection is closed." that connect() rejects with. Later errors are left to
 * ioredis, which reconnects by itself.
 */
async function open(client: Redis, url: string): Promise<Redis> {
  let first: unknown;
  client.on('error', (err) => (first ??= err));
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    throw unreachable(url, first ?? err);
  }
  return client;
}

/**
 * A connection for commands: fails fast instead of queueing commands while Redis is down
 * (BullMQ's advice for producers: enableOfflineQueue false).
 */
export async function connectCli(url: string, extra: RedisOptions = {}): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: () => null,
    // A socket that never opened has nothing to flush: without this, ioredis keeps the
    // process alive for its default 2 s before it destroys the stream.
    disconnectTimeout: 0,
    ...extra,
  });
  return open(client, url);
}

/** A connection for workers: BullMQ requires maxRetriesPerRequest null so blocking calls survive reconnects. */
export async function connectWorker(url: string): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, connectTimeout: 3000, disconnectTimeout: 0 });
  return open(client, url);
}
