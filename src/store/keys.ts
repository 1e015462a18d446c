/**
 * Every Redis key this tool writes, in one place.
 *
 * Layout (it is what makes Redis Cluster work, see ARCHITECTURE.md "Scaling out"):
 * a Lua script, and a MULTI, may only touch keys of one hash slot. Redis hashes only the
 * part of a key between the first "{" and "}" (the hash tag). So everything one sender's
 * scripts touch shares the tag `{<sender address>}`:
 *
 *   <prefix>:{<sender>}:campaign:<name>:<what>   the campaign's contacts, ledger, replies...
 *   <prefix>:{<sender>}:campaigns                 the sender's campaign names
 *   <prefix>:{<sender>}:pace, :pace:log           pacing state of the sender
 *   <prefix>:{<sender>}:workers                   live worker processes (presence)
 *   <prefix>:{<sender>}:suppressed                copy of the suppression list, for the claim
 *   <prefix>:{<sender>}:bull:...                  BullMQ's queues (its documented "{prefix}" way)
 *
 * and only keys read or written by plain single-key commands live outside a sender's slot:
 *
 *   <prefix>:suppressed   the do-not-contact list as the user manages it (source of truth)
 *   <prefix>:senders      every sender address that has data (to reach each slot's copy)
 *   <prefix>:salt         the salt of forgotten addresses' hashes
 *
 * A new key that a script reads together with a sender's keys must use `inSlot()`.
 * One Redis server (the default) stores the same names; the tags then change nothing.
 */
export class Keys {
  /** `<prefix>:{<sender>}`: the start of every key in this sender's hash slot. */
  readonly slot: string;

  constructor(readonly prefix: string, readonly sender: string) {
    this.slot = Keys.slotOf(prefix, sender);
  }

  /** Braces would end the hash tag early, so they are replaced. */
  static slotOf(prefix: string, sender: string): string {
    return `${prefix}:{${sender.toLowerCase().replace(/[{}]/g, '_')}}`;
  }

  /** The same keys for another sender (forget and suppression reach every sender's slot). */
  forSender(sender: string): Keys {
    return new Keys(this.prefix, sender);
  }

  /** A key in this sender's hash slot. */
  inSlot(what: string): string { return `${this.slot}:${what}`; }

  // Outside any sender's slot: single-key commands only.
  /** Global do-not-contact list: lowercase emails, and `sha256:<hex>` for forgotten ones (set). */
  suppressed(): string { return `${this.prefix}:suppressed`; }
  /** Sender addresses that have data (set). */
  senders(): string { return `${this.prefix}:senders`; }
  /** Random salt for forgotten addresses' hashes (string, made once). */
  salt(): string { return `${this.prefix}:salt`; }

  // This sender's slot.
  /** Names of this sender's campaigns (set). */
  campaigns(): string { return this.inSlot('campaigns'); }
  /** The suppression list as the claim script reads it: a copy kept in this slot (set). */
  suppressedCopy(): string { return this.inSlot('suppressed'); }
  /** Pacing state (hash) and send times (zset), shared by every worker process of a sender. */
  pace(sender: string): string { return `${Keys.slotOf(this.prefix, sender)}:pace`; }
  paceLog(sender: string): string { return `${Keys.slotOf(this.prefix, sender)}:pace:log`; }
  /** Live worker processes: token → expiry in Redis time, ms (zset). */
  workers(): string { return this.inSlot('workers'); }
  /** BullMQ's key prefix. */
  bull(): string { return this.inSlot('bull'); }

  private c(campaign: string, what: string): string { return this.inSlot(`campaign:${campaign}:${what}`); }
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
  /** Corrections of an inbound message's kind by `replies mark` (list of JSON). */
  corrections(campaign: string): string { return this.c(campaign, 'corrections'); }

  // Counters for status and the dashboard (status/counters-rebuild.ts recomputes them).
  // Written only inside the Lua steps that make the change they count.
  /** Counter fields → integers (hash), see ledger/stats-lua.ts for the field names. */
  stats(campaign: string): string { return this.c(campaign, 'stats'); }
  /** `${contactId}:${step}` of every sent entry, score = sent at (zset). */
  sentAt(campaign: string): string { return this.c(campaign, 'sentat'); }
  /** `${contactId}:${step}` of every queued entry, score = due at (zset): the next sends due. */
  due(campaign: string): string { return this.c(campaign, 'due'); }
  /** contactId → ms of the contact's first human reply (zset). */
  repliedAt(campaign: string): string { return this.c(campaign, 'repliedat'); }
  /** contactId → ms from the first email to the first reply (zset; its middle is the median). */
  replyDelay(campaign: string): string { return this.c(campaign, 'replydelay'); }
  /** contactIds whose reply read as positive (set). */
  positive(campaign: string): string { return this.c(campaign, 'positive'); }
  /** The latest events, newest first, capped (list of JSON). */
  events(campaign: string): string { return this.c(campaign, 'events'); }
  /** contactId → A/B variant name, assigned once, round-robin in import order (hash). */
  variants(campaign: string): string { return this.c(campaign, 'variants'); }
}
