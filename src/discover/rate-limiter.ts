/**
 * NCBI allows 3 requests/s per client, 10 with an API key
 * (https://www.ncbi.nlm.nih.gov/books/NBK25497/#chapter2.Usage_Guidelines_and_Requiremen).
 * A sliding window over the start times of the last `perSecond` requests, shared by every
 * client in the process that uses the same key, so two searches at once still keep the limit.
 * The window is a fifth longer than a second so jitter on a loaded machine or network cannot push a 4th request
 * into NCBI's one-second window.
 */
export class RateLimiter {
  private static readonly shared = new Map<string, RateLimiter>();
  private readonly starts: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly perSecond: number,
    private readonly windowMs = 1200,
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

  /** Resolves when one more request may start now. Callers are served in order. */
  take(): Promise<void> {
    const next = this.chain.then(() => this.wait());
    this.chain = next;
    return next;
  }

  private async wait(): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.starts.length > 0 && now - this.starts[0]! >= this.windowMs) this.starts.shift();
      if (this.starts.length < this.perSecond) {
        this.starts.push(now);
        return;
      }
      await new Promise((r) => setTimeout(r, this.starts[0]! + this.windowMs - now));
    }
  }
}
