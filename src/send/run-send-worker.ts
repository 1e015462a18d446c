import { randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import type { Project } from '../config/load.js';
import type { Profile } from '../config/profile.js';
import { Pacer } from '../pacing/pacer.js';
import { sendQueueName, type SendJobData } from '../queue/send-job.js';
import { SendQueue } from '../queue/send-queue.js';
import { MessageRenderer } from '../render/message-renderer.js';
import { Keys } from '../store/keys.js';
import { connectWorker } from '../store/redis.js';
import { createTransport } from '../transports/create-transport.js';
import type { Transport } from '../transports/transport.js';
import { nothingDue } from './drain-watch.js';
import { Heartbeat } from './heartbeat.js';
import { reconcile } from './reconcile.js';
import { createSendProcessor, type SendOutcome } from './send-processor.js';

export interface RunOptions {
  drain?: boolean;
  log?: (line: string) => void;
  /** Tests pass their own transport; otherwise it comes from the config. */
  transport?: Transport;
}

export interface RunningWorker {
  token: string;
  /** Resolves when the worker has stopped (drained, or closed). */
  done: Promise<void>;
  close(): Promise<void>;
}

/** Starts the send worker for a project; used by `outreach worker` and workers/send.ts. */
export async function runSendWorker(project: Project, profile: Profile, opts: RunOptions = {}): Promise<RunningWorker> {
  const c = project.config;
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const keys = new Keys(c.redis.prefix);
  const redis = await connectWorker(c.redis.url);
  const token = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const transport = opts.transport ?? createTransport(c, project.resolve, log);
  const renderer = MessageRenderer.load(project, profile);
  const queue = new SendQueue(redis, keys, c.sender.email, c.retry);
  const heartbeat = new Heartbeat(redis, keys.workerAlive(token), c.worker.heartbeatSeconds * 1000);
  await heartbeat.start();

  const deps = { redis, keys, config: c, renderer, queue };
  const fixed = await reconcile(deps);
  if (fixed.uncertain) log(`${fixed.uncertain} send(s) were interrupted by a stopped worker: marked uncertain; decide with "outreach resolve"`);

  const processor = createSendProcessor({
    ...deps, transport, token, log,
    pacer: new Pacer(redis, keys, c.sender.email, c.pacing),
  });
  const worker = new Worker<SendJobData, SendOutcome>(sendQueueName(c.sender.email), processor, {
    connection: redis,
    prefix: keys.bull(),
    concurrency: c.worker.concurrency,
    lockDuration: c.worker.lockSeconds * 1000,
    stalledInterval: c.worker.lockSeconds * 1000,
    // A stalled job must come back to a processor: its claim turns a dead worker's send into "uncertain".
    maxStalledCount: 100,
    autorun: false,
  });
  worker.on('failed', (job, err) => {
    if (job) log(`failed ${job.data.campaign} step ${job.data.step} to ${job.data.contactId}: ${err.message}`);
  });
  worker.on('error', (err) => log(`worker error: ${err.message}`));

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await worker.close();
      await heartbeat.stop();
      await transport.close();
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    })());

  const done = new Promise<void>((resolve) => {
    void worker.run().catch((err) => log(`worker stopped: ${(err as Error).message}`));
    if (!opts.drain) {
      worker.on('closed', () => resolve());
      return;
    }
    // --drain: stop once nothing is due now (twice in a row, so a job between states isn't missed).
    let quiet = 0;
    const timer = setInterval(() => {
      void nothingDue(queue.queue, redis, Date.now()).then(async (idle) => {
        quiet = idle ? quiet + 1 : 0;
        if (quiet >= 2) {
          clearInterval(timer);
          await close();
          resolve();
        }
      }).catch((err) => log(`drain check: ${(err as Error).message}`));
    }, 250);
  });
  return { token, done, close };
}
