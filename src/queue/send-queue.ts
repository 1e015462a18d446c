import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import type { Keys } from '../store/keys.js';
import { runScript } from '../store/run-script.js';
import { sendJobId, sendQueueName, type SendJobData } from './send-job.js';

/** KEYS: completed, failed, job keys. ARGV: job ids. 1 per job still to run, else 0. */
const PENDING = `
local out = {}
for i = 3, #KEYS do
  local id = ARGV[i - 2]
  local live = redis.call('EXISTS', KEYS[i]) == 1
    and not redis.call('ZSCORE', KEYS[1], id) and not redis.call('ZSCORE', KEYS[2], id)
  out[#out + 1] = live and 1 or 0
end
return out`;

/** The producer side of the send queue. */
export class SendQueue {
  readonly queue: Queue<SendJobData>;

  constructor(private readonly connection: Redis, keys: Keys, senderEmail: string, private readonly retry: Config['retry']) {
    this.queue = new Queue<SendJobData>(sendQueueName(senderEmail), { connection, prefix: keys.bull() });
  }

  private opts(data: SendJobData, delayMs: number, resend: number): JobsOptions {
    return {
      jobId: sendJobId(data, resend),
      delay: Math.max(0, Math.round(delayMs)),
      attempts: this.retry.attempts,
      // SMTP 4xx and dropped connections: retry later, further apart each time.
      backoff: { type: 'exponential', delay: Math.round(this.retry.backoffSeconds * 1000) },
      // The ledger, not BullMQ, records what was sent: a finished job is not worth keeping
      // (and keeping it costs Redis work on every send).
      removeOnComplete: true,
      removeOnFail: false,
    };
  }

  async add(data: SendJobData, delayMs = 0, resend = 0): Promise<void> {
    await this.queue.add('send', data, this.opts(data, delayMs, resend));
  }

  async addBulk(jobs: { data: SendJobData; delayMs: number }[]): Promise<void> {
    await this.queue.addBulk(jobs.map(({ data, delayMs }) => ({ name: 'send', data, opts: this.opts(data, delayMs, 0) })));
  }

  /**
   * For each job id: does a job with it still wait to run (waiting, delayed, active)? False
   * when there is no such job, or it completed or failed. One script for many ids, by the same
   * test as BullMQ's own isFinished script (the job's hash, then the completed and failed sets).
   */
  async pending(jobIds: string[]): Promise<boolean[]> {
    if (jobIds.length === 0) return [];
    const q = this.queue;
    const r = (await runScript(this.connection, PENDING, 2 + jobIds.length,
      q.keys.completed!, q.keys.failed!, ...jobIds.map((id) => q.toKey(id)), ...jobIds)) as number[];
    return r.map((n) => n === 1);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
