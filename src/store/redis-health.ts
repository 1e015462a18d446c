/**
 * What a Redis connection failure means, in one short reason and a hint. ioredis reports a
 * refused connection, a wrong password and a missing one all as "Connection is closed." on
 * connect(); the first 'error' event carries the real cause.
 */
export function describeRedisError(err: unknown): { reason: string; hint: string } {
  const e = err as { code?: string; message?: string } | undefined;
  const msg = e?.message ?? String(err);
  if (/^WRONGPASS|invalid (username-password pair|password)/i.test(msg))
    return { reason: 'WRONGPASS: the password was refused', hint: 'check the password in REDIS_URL (redis://:password@host:port; it is never printed), then run "outreach doctor"' };
  if (/^NOAUTH/i.test(msg))
    return { reason: 'NOAUTH: Redis wants a password', hint: 'put it in REDIS_URL as redis://:password@host:port, then run "outreach doctor"' };
  if (/AUTH.*called without any password configured/i.test(msg))
    return { reason: 'this Redis has no password, but REDIS_URL gives one', hint: 'drop the password from REDIS_URL, or set requirepass on the server' };
  const code = e?.code;
  if (code === 'ECONNREFUSED')
    return { reason: 'ECONNREFUSED: nothing is listening there', hint: 'run "outreach doctor"; "outreach redis start" runs one for this project, or fix the host and port in REDIS_URL' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return { reason: `${code}: unknown host`, hint: 'fix the host name in REDIS_URL, then run "outreach doctor"' };
  if (code === 'ETIMEDOUT')
    return { reason: 'ETIMEDOUT: no answer', hint: 'check that the host is reachable and the port is right in REDIS_URL; "outreach doctor" checks it' };
  return { reason: code ? `${code}: ${msg}` : msg, hint: 'run "outreach doctor" to see what is missing; "outreach redis start" runs one for this project, or set REDIS_URL' };
}

/** An error that means "Redis is not reachable right now", as opposed to a bug or a bad reply. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return /^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH)$/.test(e?.code ?? '') ||
    /Connection is closed|connect E[A-Z]+|Stream isn't writeable|NOAUTH|WRONGPASS/.test(e?.message ?? '');
}

/**
 * While Redis is down every client of a process (ours, and the ones BullMQ makes) reports an
 * error on each reconnect attempt. This turns that into one line when Redis goes away and one
 * when it is back.
 */
export class RedisHealth {
  private down = false;
  /**
   * Whether the process's main connection is ready. BullMQ's other connections reconnect on
   * their own schedule and may still report errors after the main one is back: those belong
   * to the outage already reported, not to a new one.
   */
  private mainReady: () => boolean = () => false;
  constructor(private readonly log: (line: string) => void) {}

  /** The connection whose state says whether Redis is reachable. */
  main(ready: () => boolean): void {
    this.mainReady = ready;
  }

  lost(err: unknown): void {
    if (this.down || this.mainReady()) return;
    this.down = true;
    this.log(`Redis unreachable (${describeRedisError(err).reason}); waiting for it, nothing is lost`);
  }

  back(): void {
    if (!this.down) return;
    this.down = false;
    this.log('Redis reachable again; carrying on');
  }

  /** Routes an emitter's 'error' events: connection trouble here, anything else to `other`. */
  watch(emitter: { on(event: 'error', fn: (err: Error) => void): unknown }, other: (err: Error) => void): void {
    emitter.on('error', (err) => (isConnectionError(err) ? this.lost(err) : other(err)));
  }
}
