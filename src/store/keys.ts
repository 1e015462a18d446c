/**
 * Every Redis key this tool writes, in one place. Campaign keys share the hash tag
 * `{campaign}` so a campaign lives in one Redis Cluster slot (ARCHITECTURE.md, "Processes").
 */
export class Keys {
  constructor(readonly prefix: string) {}

  /** Names of all campaigns (set). */
  campaigns(): string { return `${this.prefix}:campaigns`; }
  /** Global do-not-contact list, lowercase emails (set). */
  suppressed(): string { return `${this.prefix}:suppressed`; }
  /** Per-sender pacing state (hash) and send times (zset) — shared by every worker process. */
  pace(sender: string): string { return `${this.prefix}:pace:${sender.toLowerCase()}`; }
  paceLog(sender: string): string { return `${this.prefix}:pace:${sender.toLowerCase()}:log`; }
  /** A live worker process announces itself here with a short TTL. */
  workerAlive(token: string): string { return `${this.prefix}:worker:${token}`; }
  /** BullMQ's own key prefix. */
  bull(): string { return `${this.prefix}:bull`; }

  private c(campaign: string, what: string): string { return `${this.prefix}:{${campaign}}:${what}`; }
  meta(campaign: string): string { return this.c(campaign, 'meta'); }
  /** contactId → contact JSON (hash). */
  contacts(campaign: string): string { return this.c(campaign, 'contacts'); }
  /** lowercase email → contactId (hash). */
  emails(campaign: string): string { return this.c(campaign, 'emails'); }
  /** contactId by import order (zset, score = sequence). */
  order(campaign: string): string { return this.c(campaign, 'order'); }
  /** contactId → status: active | replied | bounced | opted_out (hash). */
  status(campaign: string): string { return this.c(campaign, 'status'); }
  /** contactId → ms since epoch before which no follow-up may go (auto-reply return date) (hash). */
  holdUntil(campaign: string): string { return this.c(campaign, 'hold'); }
  /** `${contactId}:${step}` → ledger entry JSON (hash): the source of truth for "was this sent". */
  ledger(campaign: string): string { return this.c(campaign, 'ledger'); }
  /** Ledger fields currently in "sending" (set), swept into "uncertain" when their worker is gone. */
  sending(campaign: string): string { return this.c(campaign, 'sending'); }
  /** Our Message-ID → `${contactId}:${step}` (hash), to match replies and bounces. */
  messageIds(campaign: string): string { return this.c(campaign, 'msgids'); }
  /** Replies, auto-replies and bounces matched to this campaign (list of JSON). */
  inbox(campaign: string): string { return this.c(campaign, 'inbox'); }
  /** Set while the campaign is paused (`outreach pause`); the claim reads it atomically. */
  paused(campaign: string): string { return this.c(campaign, 'paused'); }
  /** Inbound Message-IDs already processed (set), so a re-scan counts nothing twice. */
  seenInbound(campaign: string): string { return this.c(campaign, 'seen'); }
}
