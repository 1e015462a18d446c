// Start-up and idle figures for `npm run bench`: how fast the CLI answers next to a bare
// `node -e 0`, and what a worker with nothing due costs.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { initProject } from '../src/cli/commands/init.js';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { deleteKeys, median } from './bench-util.js';

const CLI = path.resolve(import.meta.dirname, '../src/cli/main.js');

function medianMs(cmd: string[], runs: number, env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd[0]!, cmd.slice(1), { env, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}`);
    if (i >= 2) times.push(performance.now() - t0); // two warm-up runs fill the compile cache
  }
  return median(times);
}

/** utime + stime of a process, in clock ticks (Linux /proc). */
function cpuTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]);
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function benchCli(o: { quick: boolean; tmp: string; redisUrl: string }): Promise<Record<string, number>> {
  const say = (s: string) => process.stdout.write(`${s}\n`);
  const runs = o.quick ? 5 : 15;
  const env = { ...process.env };
  const node = medianMs([process.execPath, '-e', '0'], runs, env);
  const help = medianMs([process.execPath, CLI, '--help'], runs, env);
  const statusHelp = medianMs([process.execPath, CLI, 'status', '--help'], runs, env);
  const figures: Record<string, number> = {
    node_start_ms: Math.round(node),
    cli_help_ms: Math.round(Math.max(help, statusHelp)),
    cli_help_ratio: Number((Math.max(help, statusHelp) / node).toFixed(2)),
  };
  say(`node -e 0: ${figures.node_start_ms} ms; outreach --help: ${Math.round(help)} ms; outreach status --help: ${Math.round(statusHelp)} ms (ratio ${figures.cli_help_ratio}, goal ≤ 2)`);

  // A worker with nothing due: its CPU over a quiet stretch, and its resident memory.
  const dir = path.join(o.tmp, 'idle-project');
  initProject(dir);
  const prefix = `bench-idle-${process.pid}`;
  const child = spawn(process.execPath, [CLI, '--dir', dir, 'worker'], {
    env: { ...process.env, REDIS_URL: o.redisUrl, OUTREACH_PREFIX: prefix, SMTP_URL: '', IMAP_URL: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    // Measured from when it says it is running (start-up and the first reconcile done), plus a settle.
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stderr!.setEncoding('utf8').on('data', (d: string) => ((seen += d), /running/.test(seen) && resolve()));
      child.once('exit', (code) => reject(new Error(`the idle worker exited (${code}): ${seen}`)));
    });
    await sleep(1000);
    const seconds = o.quick ? 3 : 10;
    const t0 = cpuTicks(child.pid!);
    await sleep(seconds * 1000);
    const ticks = cpuTicks(child.pid!) - t0;
    const hz = 100; // USER_HZ on Linux
    figures.worker_idle_cpu_pct = Number(((ticks / hz / seconds) * 100).toFixed(2));
    figures.worker_idle_rss_mb = Math.round(rssMb(child.pid!));
    say(`idle worker over ${seconds} s: ${figures.worker_idle_cpu_pct}% CPU, ${figures.worker_idle_rss_mb} MB resident (goal ~0%, < 150 MB)`);
  } finally {
    // The worker's keys (its heartbeat, the campaign-less queue) go with it.
    const gone = child.exitCode === null ? once(child, 'exit') : Promise.resolve();
    child.kill('SIGTERM');
    await gone;
    const redis = new Redis(o.redisUrl);
    await deleteKeys(redis, prefix);
    redis.disconnect();
  }
  return figures;
}
