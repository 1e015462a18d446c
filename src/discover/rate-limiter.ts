/**
 * NCBI allows 3 requests/s per client, 10 with an API key
 * (https://www.ncbi.nlm.nih.gov/books/NBK25497/#chapter2.Usage_Guidelines_and_Requiremen).
 * A sliding window over the last `perSecond` requests, shared by every client in the process
 * that uses the same key, so two searches at once still keep the limit. A request holds its
 * place from its start until it has finished, and the window counts from the finish: a
 * request that reaches the server late (a busy machine, a slow network) has also finished
 * late, so the next one can never arrive within a second of it.
 */
export class RateLimiter {
  private static readonly shared = new Map<string, RateLimiter>();
  /** Per recent request: when it finished, or Infinity while it runs. */
  private readonly slots: { t: number }[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly perSecond: number,
    private readonly windowMs = 1100,
  ) {}

  /** The limiter every client of this process with this API key (or none) shares. */
  static forKey(apiKey: string | undefined): RateLimiter {
    const id = apiKey ? `key:${apiKey}` : 'anonymous';
    let l = RateLimiter.shared.get(id);
    if (!l) {
      l = new RateLimiter(apiKey ? 10 : 3);
      RateLimiter.shared.set(id, l);
    }
    return l;
  }

  /** Resolves when one more request may start now, with the call that says it has finished. Served in order. */
  take(): Promise<() => void> {
    const next = this.chain.then(() => this.wait());
    this.chain = next.then(() => undefined);
    return next;
  }

  private async wait(): Promise<() => void> {
    for (;;) {
      const now = Date.now();
      for (let i = this.slots.length - 1; i >= 0; i--) if (now - this.slots[i]!.t >= this.windowMs) this.slots.splice(i, 1);
      if (this.slots.length < this.perSecond) {
        const slot = { t: Infinity };
        this.slots.push(slot);
        return () => void (slot.t = Date.now());
      }
      const soonest = Math.min(...this.slots.map((x) => x.t));
      // All places taken by requests still running: look again shortly.
      await new Promise((r) => setTimeout(r, Number.isFinite(soonest) ? soonest + this.windowMs - now : 20));
    }
  }
}
