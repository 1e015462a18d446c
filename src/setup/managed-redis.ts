import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { MANAGED_REDIS_URL_FILE, managedRedisUrl } from '../config/load.js';
import { UserError } from '../errors/user-error.js';

/**
 * A Redis the user doesn't have to manage: `redis-server` from PATH, bound to loopback, with
 * its data (AOF on, noeviction) in `<project>/.redis/`. Its URL is written to
 * `.redis/url`, which the project's commands use when neither REDIS_URL nor redis.url is set.
 */
export const INSTALL_HINT =
  'install Redis: Debian/Ubuntu "sudo apt-get install redis-server"; macOS "brew install redis"; ' +
  'Windows: inside WSL "sudo apt-get install redis-server", or Docker Desktop; ' +
  'Docker anywhere: "docker compose up -d redis" in the mentor-outreach folder';

export interface ManagedRedisStatus {
  running: boolean;
  url: string | null;
  pid: number | null;
  dir: string;
  version?: string;
}

// Absolute: redis-server changes into --dir before it opens its pid and log files.
const folder = (projectDir: string) => path.join(path.resolve(projectDir), '.redis');

/** The path of `cmd` on PATH, as the shell would find it; null when it is not installed. */
export function which(cmd: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, cmd);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return null;
}

/** Listens on 127.0.0.1:`port` (0: any free one) and closes again; the port it got, or the listen error. */
async function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => {
      const a = srv.address();
      const got = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(got));
    });
  });
}

const freePort = (): Promise<number> => listenOn(0);
const portFree = (port: number): Promise<boolean> => listenOn(port).then(() => true, () => false);

/** The version of the Redis answering at `url`, or null when none answers within 1 s. */
export async function ping(url: string): Promise<string | null> {
  const r = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000, disconnectTimeout: 0 });
  r.on('error', () => undefined);
  try {
    await r.connect();
    const info = await r.info('server');
    return /redis_version:([^\r\n]+)/.exec(info)?.[1] ?? 'unknown';
  } catch {
    return null;
  } finally {
    r.disconnect();
  }
}

function pidOf(projectDir: string): number | null {
  try {
    const pid = Number(readFileSync(path.join(folder(projectDir), 'redis.pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export async function managedRedisStatus(projectDir: string): Promise<ManagedRedisStatus> {
  const url = managedRedisUrl(projectDir) ?? null;
  const version = url ? await ping(url) : null;
  return { running: version !== null, url, pid: version ? pidOf(projectDir) : null, dir: folder(projectDir), ...(version ? { version } : {}) };
}

/** Starts the project's Redis (or finds it running); the same port again when it is free. */
export async function startManagedRedis(projectDir: string): Promise<ManagedRedisStatus & { started: boolean }> {
  const now = await managedRedisStatus(projectDir);
  if (now.running) return { ...now, started: false };
  const server = which('redis-server');
  if (!server) throw new UserError('redis-server is not installed', { where: 'outreach redis start', hint: INSTALL_HINT });
  const dir = folder(projectDir);
  mkdirSync(dir, { recursive: true });
  const previous = now.url ? Number(new URL(now.url).port) : 0;
  const port = previous && (await portFree(previous)) ? previous : await freePort();
  const r = spawnSync(server, [
    '--bind', '127.0.0.1', '--port', String(port), '--dir', dir,
    // The ledger must survive a restart, and Redis must refuse writes rather than drop keys.
    '--appendonly', 'yes', '--maxmemory-policy', 'noeviction', '--save', '',
    '--daemonize', 'yes', '--pidfile', path.join(dir, 'redis.pid'), '--logfile', path.join(dir, 'redis.log'),
  ], { encoding: 'utf8' });
  if (r.status !== 0) throw new UserError(`redis-server did not start (${(r.stderr || r.stdout).trim().split('\n')[0]})`, { where: path.join(dir, 'redis.log'), hint: 'read the log named here' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const version = await ping(url);
    if (version) {
      writeFileSync(path.join(projectDir, MANAGED_REDIS_URL_FILE), `${url}\n`);
      return { running: true, url, pid: pidOf(projectDir), dir, version, started: true };
    }
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new UserError('redis-server started but does not answer', { where: path.join(dir, 'redis.log'), hint: 'read the log named here' });
}

/** Stops the project's Redis after it has written its AOF; the data stays in .redis/. */
export async function stopManagedRedis(projectDir: string): Promise<{ stopped: boolean }> {
  const st = await managedRedisStatus(projectDir);
  if (!st.running || !st.url) return { stopped: false };
  const r = new Redis(st.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, disconnectTimeout: 0 });
  r.on('error', () => undefined);
  await r.connect();
  // SHUTDOWN closes the connection instead of answering.
  await r.call('SHUTDOWN').catch(() => undefined);
  r.disconnect();
  for (let i = 0; i < 100 && (await ping(st.url)); i++) await new Promise((res) => setTimeout(res, 50));
  const pidFile = path.join(folder(projectDir), 'redis.pid');
  if (existsSync(pidFile)) rmSync(pidFile, { force: true });
  return { stopped: true };
}
