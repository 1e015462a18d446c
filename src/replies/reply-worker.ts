import { Queue, Worker } from 'bullmq';
import type { Config } from '../config/schema.js';
import { Keys } from '../store/keys.js';
import { connectWorker } from '../store/redis.js';
import { withMailboxLock } from './mailbox-lock.js';
import { requireMailboxSource } from './mailbox-source-for.js';
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
}

/** How often the mailbox is read, from whichever source the config names. */
export function pollMs(c: Pick<Config, 'imap'>): number {
  return Math.round(c.imap.pollSeconds * 1000);
}

/**
 * The reply poller, a process role of its own beside the send worker (ARCHITECTURE.md,
 * "Processes"): a BullMQ job scheduler adds one 'replies-sync' job every poll interval
 * (upserting it is idempotent, so every worker process may do it), a worker with
 * concurrency 1 runs it, and the mailbox lock keeps two processes from reading the same
 * mailbox at once.
 */
export async function startReplyWorker(c: Config, opts: ReplyWorkerOptions = {}): Promise<ReplyWorker> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const keys = new Keys(c.redis.prefix, c.sender.email);
  const redis = await connectWorker(c.redis.url);
  let source;
  try {
    source = requireMailboxSource(c, redis, keys);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const queue = new Queue(REPLIES_QUEUE, { connection: redis, prefix: keys.bull() });
  queue.on('error', () => undefined); // the worker's 'error' below reports a lost connection once
  await queue.upsertJobScheduler(REPLIES_SCHEDULER, { every: pollMs(c) }, {
    name: 'sync',
    opts: { removeOnComplete: 50, removeOnFail: 50 },
  });
  const worker = new Worker<unknown, ReplySyncResult>(
    REPLIES_QUEUE,
    async () => (await withMailboxLock(redis, keys, source.id, () => syncReplies({ redis, keys, config: c, source, log }))) ?? { skipped: 'locked' },
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
  return { queue, worker, close };
}
