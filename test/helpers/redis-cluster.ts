import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Cluster } from 'ioredis';
import { freePort } from './ports.js';

/**
 * A real Redis Cluster of `masters` nodes on loopback ports (redis-server --cluster-enabled
 * yes, then redis-cli --cluster create), no replicas, no persistence. For the tests only.
 */
export class RedisCluster {
  private procs: ChildProcess[] = [];
  private dir = '';
  ports: number[] = [];

  get url(): string { return `redis+cluster://${this.ports.map((p) => `127.0.0.1:${p}`).join(',')}`; }

  async start(masters = 3): Promise<void> {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'outreach-cluster-'));
    for (let i = 0; i < masters; i++) this.ports.push(await freePort());
    for (const port of this.ports)
      this.procs.push(spawn('redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes',
        '--cluster-config-file', path.join(this.dir, `nodes-${port}.conf`), '--dir', this.dir,
        '--save', '', '--appendonly', 'no', '--cluster-node-timeout', '5000',
      ], { stdio: 'ignore' }));
    for (const port of this.ports) await this.waitFor(() => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG');
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...this.ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    for (const port of this.ports)
      await this.waitFor(() => /cluster_state:ok/.test(spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info'], { encoding: 'utf8' }).stdout));
  }

  private async waitFor(ok: () => boolean): Promise<void> {
    for (let i = 0; i < 300; i++) {
      if (ok()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('redis cluster did not come up');
  }

  client(): Cluster {
    return new Cluster(this.ports.map((port) => ({ host: '127.0.0.1', port })));
  }

  /** Keys on each master (DBSIZE), to show the data is spread. */
  sizes(): number[] {
    return this.ports.map((p) => Number(spawnSync('redis-cli', ['-p', String(p), 'dbsize'], { encoding: 'utf8' }).stdout.trim()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.procs.map((p) => new Promise<void>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    })));
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
