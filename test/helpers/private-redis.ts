import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';

export { freePort } from './ports.js';

/**
 * A redis-server of the test's own, on a loopback port, that the test may stop and start
 * (the shared one on 6379 must never be stopped). No persistence unless `args` asks for it.
 */
export class PrivateRedis {
  private proc: ChildProcess | undefined;
  constructor(readonly port: number, private readonly args: string[] = []) {}

  get url(): string { return `redis://127.0.0.1:${this.port}`; }

  async start(): Promise<void> {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...this.args], { stdio: 'ignore' });
    const password = this.args[this.args.indexOf('--requirepass') + 1];
    for (let i = 0; i < 100; i++) {
      const c = new Redis(this.port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null, password: this.args.includes('--requirepass') ? password : undefined });
      c.on('error', () => {});
      try {
        await c.connect();
        await c.ping();
        c.disconnect();
        return;
      } catch {
        c.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server on ${this.port} did not start`);
  }

  async stop(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  }
}
