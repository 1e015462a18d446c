import type { Redis } from 'ioredis';

/**
 * Announces that this worker process is alive. A "sending" ledger entry whose owner's key
 * has expired belongs to a dead worker and becomes "uncertain" (ARCHITECTURE.md, invariant 1).
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  constructor(private readonly redis: Redis, private readonly key: string, private readonly everyMs: number) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => {}), this.everyMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    await this.redis.set(this.key, String(process.pid), 'PX', this.everyMs * 3);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.redis.del(this.key).catch(() => {});
  }
}
