import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { UserError } from '../errors/user-error.js';
import { describeRedisError, type RedisHealth } from './redis-health.js';
import { isClusterUrl, parseClusterUrl } from './redis-url.js';

/** The URL with any password replaced, safe for logs and error lines. */
export function redactUrl(url: string): string {
  if (isClusterUrl(url)) return url.replace(/^([a-z+]+:\/\/[^:@/]*):[^@/]*@/, '$1:***@').replace(/\/$/, '');
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * A client for a single Redis, or for Redis Cluster when the URL says `redis+cluster://`.
 * Cluster is typed as Redis: this tool uses only commands both have, and every script and
 * MULTI stays in one hash slot (store/keys.ts).
 */
function makeClient(url: string, opts: RedisOptions): Redis {
  if (!isClusterUrl(url)) return new Redis(url, opts);
  const c = parseClusterUrl(url);
  if (!c) throw new UserError('not a Redis Cluster URL', { where: redactUrl(url), hint: 'e.g. REDIS_URL=redis+cluster://127.0.0.1:7000,127.0.0.1:7001' });
  const { lazyConnect, enableOfflineQueue, retryStrategy, ...node } = opts;
  const cluster = new Cluster(c.nodes, {
    lazyConnect,
    enableOfflineQueue,
    clusterRetryStrategy: retryStrategy,
    redisOptions: { ...node, username: c.username, password: c.password, ...(c.tls ? { tls: {} } : {}) },
  });
  return cluster as unknown as Redis;
}

/** `cause` is the first error the client reported (the real one), else connect()'s own. */
function unreachable(url: string, cause: unknown): UserError {
  const { reason, hint } = describeRedisError(cause);
  return new UserError(`cannot connect to Redis (${reason})`, { where: redactUrl(url), hint, cause });
}

/** Connects, and on failure throws with the first error the client saw rather than "Connection is closed.". */
async function connectOrExplain(client: Redis, url: string): Promise<void> {
  let first: unknown;
  const remember = (err: unknown) => { first ??= err; };
  client.on('error', remember);
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    throw unreachable(url, first ?? err);
  } finally {
    client.off('error', remember);
  }
}

/**
 * A connection for commands: fails fast instead of queueing commands while Redis is down
 * (BullMQ's advice for producers: enableOfflineQueue false).
 */
export async function connectCli(url: string, extra: RedisOptions = {}): Promise<Redis> {
  const client = makeClient(url, {
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
  client.on('error', () => {}); // reported through connectOrExplain, once
  await connectOrExplain(client, url);
  return client;
}

/** A connection for workers: BullMQ requires maxRetriesPerRequest null so blocking calls survive reconnects. */
export async function connectWorker(url: string, health?: RedisHealth): Promise<Redis> {
  // A first connect that fails is thrown; after that ioredis reconnects by itself, and
  // `health` says so once per outage instead of once per attempt.
  // No retry for the first connect (a retry racing with our disconnect() could keep the
  // process alive); once connected, reconnect for ever, at most every 2 s.
  const client = makeClient(url, { lazyConnect: true, maxRetriesPerRequest: null, connectTimeout: 3000, retryStrategy: () => null, disconnectTimeout: 0 });
  await connectOrExplain(client, url);
  const reconnect = (attempt: number) => Math.min(attempt * 200, 2000);
  const asCluster = client as unknown as Cluster;
  if (asCluster instanceof Cluster) asCluster.options.clusterRetryStrategy = reconnect;
  else client.options.retryStrategy = reconnect;
  if (health) {
    health.main(() => client.status === 'ready');
    health.watch(client, () => {});
    client.on('ready', () => health.back());
  } else client.on('error', () => {});
  return client;
}
