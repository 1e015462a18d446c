import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import type { Keys } from '../store/keys.js';
import { sendJobId, sendQueueName, type SendJobData } from './send-job.js';

/** The producer side of the send queue. */
export class SendQueue {
  readonly queue: Queue<SendJobData>;

  constructor(connection: Redis, keys: Keys, senderEmail: string, private readonly retry: Config['retry']) {
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

  async close(): Promise<void> {
    await this.queue.close();
  }
}
