import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';

/**
 * A redis-server of a test's own, on loopback, started with the given arguments (e.g. a
 * maxmemory-policy that is not the test Redis's) and stopped by the test: it is this
 * process's child, killed by its pid.
 */
export class OwnRedisServer {
  private constructor(readonly url: string, private readonly child: ChildProcess) {}

  static async start(args: string[]): Promise<OwnRedisServer> {
    const port = await freePort();
    const child = spawn('redis-server', ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', ...args], { stdio: 'ignore' });
    const url = `redis://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const r = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      r.on('error', () => undefined);
      const up = await r.connect().then(() => r.ping(), () => null);
      r.disconnect();
      if (up === 'PONG') return new OwnRedisServer(url, child);
      await new Promise((res) => setTimeout(res, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`redis-server ${args.join(' ')} did not answer on ${url}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const gone = new Promise((res) => this.child.once('exit', res));
    this.child.kill('SIGTERM');
    await gone;
  }
}
