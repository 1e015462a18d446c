import { Queue, Worker } from 'bullmq';
import type { Project } from '../config/load.js';
import { Keys } from '../store/keys.js';
import { connectWorker } from '../store/redis.js';
import { withMailboxLock } from './mailbox-lock.js';
import { syncReplies, type SyncCounts } from './sync-replies.js';

export const REPLIES_QUEUE = 'replies-sync';
export const REPLIES_SCHEDULER = 'replies-sync';

export type ReplySyncResult = SyncCounts | { skipped: 'locked' };

export interface ReplyWorker {
  queue: Queue;
  worker: Worker;
  close(): Promise<void>;
}

export interface ReplyWorkerOptions {
  log?: (line: string) => void;
  /** Stops the reply worker when this one closes (the send worker of `outreach worker`). */
  stopWith?: { on(event: 'closed', fn: () => void): unknown };
}

/**
 * The mailbox poll inside `outreach worker`: a BullMQ job scheduler adds one 'replies-sync'
 * job every imap.pollSeconds (upserting it is idempotent, so every worker process may do
 * it), a worker with concurrency 1 runs it, and the mailbox lock keeps two processes from
 * syncing the same mailbox at once.
 */
export async function startReplyWorker(project: Project, opts: ReplyWorkerOptions = {}): Promise<ReplyWorker> {
  const c = project.config;
  const url = c.imap.url;
  if (!url) throw new Error('startReplyWorker: imap.url is not set');
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const keys = new Keys(c.redis.prefix, c.sender.email);
  const redis = await connectWorker(c.redis.url);
  const queue = new Queue(REPLIES_QUEUE, { connection: redis, prefix: keys.bull() });
  await queue.upsertJobScheduler(REPLIES_SCHEDULER, { every: Math.round(c.imap.pollSeconds * 1000) }, {
    name: 'sync',
    opts: { removeOnComplete: 50, removeOnFail: 50 },
  });
  const worker = new Worker<unknown, ReplySyncResult>(
    REPLIES_QUEUE,
    async () => (await withMailboxLock(redis, keys, url, () => syncReplies({ redis, keys, config: c, url, log }))) ?? { skipped: 'locked' },
    { connection: redis, prefix: keys.bull(), concurrency: 1 },
  );
  // A mailbox that is down now is tried again at the next tick; say so once per failure.
  worker.on('failed', (_job, err) => log(`reply sync failed: ${err.message}`));
  worker.on('error', (err) => log(`reply worker error: ${err.message}`));

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await worker.close();
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    })());
  opts.stopWith?.on('closed', () => void close());
  return { queue, worker, close };
}
