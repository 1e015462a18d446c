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
import { Suppression } from '../store/suppression.js';
import { RedisHealth } from '../store/redis-health.js';
import { createTransport } from '../transports/create-transport.js';
import type { Transport } from '../transports/transport.js';
import { nothingDue } from './drain-watch.js';
import { Heartbeat } from './heartbeat.js';
import { reconcile } from './reconcile.js';
import { CampaignReader } from '../campaign/campaign-reader.js';
import { drainSummary } from './drain-summary.js';
import { createSendProcessor, type SendOutcome, type WaitReason } from './send-processor.js';

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
  const keys = new Keys(c.redis.prefix, c.sender.email);
  const health = new RedisHealth(log);
  const redis = await connectWorker(c.redis.url, health);
  const token = `${process.pid}-${randomUUID().slice(0, 8)}`;
  // Everything opened from here on is closed again if start-up fails (a bad SMTP_URL, a
  // missing template): a process left holding a Redis connection would never exit.
  const opened: (() => Promise<unknown>)[] = [() => redis.quit().catch(() => redis.disconnect())];
  const undo = async () => { for (const f of opened.reverse()) await f().catch(() => undefined); };
  let transport: Transport, renderer: MessageRenderer, queue: SendQueue, heartbeat: Heartbeat;
  try {
    transport = opts.transport ?? createTransport(c, project.resolve, log);
    opened.push(() => transport.close());
    renderer = MessageRenderer.load(project, profile);
    queue = new SendQueue(redis, keys, c.sender.email, c.retry);
    health.watch(queue.queue, (err) => log(`queue error: ${err.message}`));
    opened.push(() => queue.close());
    // This sender's copy of the suppression list must be complete before the first claim.
    await new Suppression(redis, keys).registerSender();
    heartbeat = new Heartbeat(redis, keys.workers(), token, c.worker.heartbeatSeconds * 1000);
    await heartbeat.start();
    opened.push(() => heartbeat.stop());
  } catch (err) {
    await undo();
    throw err;
  }

  const deps = { redis, keys, config: c, renderer, queue };
  const fixed = await reconcile(deps).catch(async (err: unknown) => { await undo(); throw err; });
  if (fixed.uncertain) log(`${fixed.uncertain} send(s) were interrupted by a stopped worker: marked uncertain; decide with "outreach resolve"`);

  // Why each job last waited: only `--drain`'s last line reads it, so a worker that runs on
  // does not keep it (it would grow with every wait, forever).
  const waits = new Map<string, WaitReason>();
  const processor = createSendProcessor({
    ...deps, transport, token, log,
    pacer: new Pacer(redis, keys, c.sender.email, c.pacing),
    ...(opts.drain ? { onWait: (jobId: string, why: WaitReason) => { waits.set(jobId, why); } } : {}),
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
  let sent = 0;
  const failedIn = new Set<string>();
  worker.on('completed', (_job, r) => { if (r?.result === 'sent') sent++; });
  // Log lines name the contact by address, as the user knows them.
  worker.on('failed', (job, err) => {
    if (!job) return;
    const { campaign, contactId, step } = job.data;
    // BullMQ calls a job "failed" also when it will be retried (a 451): say which it is.
    const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) failedIn.add(campaign);
    void new CampaignReader(redis, keys, campaign).get(contactId).catch(() => null).then((ct) => {
      const what = `${campaign} step ${step} to ${ct?.email ?? contactId}: ${err.message}`;
      log(final ? `failed ${what}` : `will retry (attempt ${job.attemptsMade} of ${job.opts.attempts}) ${what}`);
    });
  });
  health.watch(worker, (err) => log(`worker error: ${err.message}`));

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
    // --drain: stop once nothing is due now, seen twice in a row (so a job between states
    // isn't missed). Checked every 250 ms, and at once when the queue runs dry: BullMQ's
    // "drained", then each job that ends after it; a first idle reading is confirmed 50 ms later.
    let quiet = 0;
    let running = false;
    let again = false;
    let stopped = false;
    let dry = false;
    const check = (): void => {
      if (stopped) return;
      if (running) { again = true; return; }
      running = true;
      void nothingDue(queue.queue, redis, Date.now()).then(async (idle) => {
        running = false;
        quiet = idle ? quiet + 1 : 0;
        if (quiet < 2) {
          const now = again && quiet === 0;
          again = false;
          if (quiet === 1) setTimeout(check, 50);
          else if (now) check();
          return;
        }
        stopped = true;
        clearInterval(timer);
        await worker.close();
        const line = await drainSummary({ redis, keys, config: c, senderEmail: c.sender.email, queue }, sent, waits)
          .catch((err) => `sent ${sent} message(s) (next send unknown: ${(err as Error).message})`);
        const retry = [...failedIn].map((x) => `; some sends failed: "outreach status --campaign ${x}", then "outreach retry --campaign ${x}"`).join('');
        log(`${line}${retry}`);
        await close();
        resolve();
      }).catch((err) => { running = false; log(`drain check: ${(err as Error).message}`); });
    };
    const timer = setInterval(check, 250);
    worker.on('drained', () => { dry = true; check(); });
    worker.on('active', () => { dry = false; });
    const ended = () => { if (dry) check(); };
    worker.on('completed', ended);
    worker.on('failed', ended);
  });
  return { token, done, close };
}
