import type { Redis } from 'ioredis';
import { HEARTBEAT } from '../ledger/ledger-scripts.js';

/**
 * Announces that this worker process is alive, in its sender's workers zset (the claim
 * script reads it in the same hash slot). A "sending" ledger entry whose owner has not
 * renewed its presence for 3 beats belongs to a dead worker and becomes "uncertain" (ARCHITECTURE.md, invariant 1).
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly redis: Redis, private readonly workersKey: string, private readonly token: string, private readonly everyMs: number) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => {}), this.everyMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    await this.redis.eval(HEARTBEAT, 1, this.workersKey, this.token, String(Math.round(this.everyMs * 3)));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.redis.zrem(this.workersKey, this.token).catch(() => {});
  }
}
