import type { Redis } from 'ioredis';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { GoogleCallError, type GmailClient } from '../../gmail/gmail-client.js';
import { Ledger } from '../../ledger/ledger.js';
import type { Keys } from '../../store/keys.js';
import type { InboundMessage, MailboxSource, PullOptions, PullResult } from '../mailbox-source.js';

/** Our own messages (and drafts) are in the mailbox too; they are never inbound. */
const NOT_INBOUND = new Set(['SENT', 'DRAFT']);
/** Addresses per `from:(a OR b …)` search, well inside Gmail's query length. */
const FROM_CHUNK = 20;

interface Candidate { id: string; labelIds?: string[] | null }

/**
 * A Gmail mailbox as a MailboxSource. Incremental through `users.history.list` from the
 * stored historyId. With no stored id (the first pass), or when Google answers 404 because
 * the id is too old, it does a full pass over the threads of the campaigns' sends and the
 * messages from their contacts, starting from the historyId read *before* that pass, so
 * nothing that arrives meanwhile is missed. Each message is fetched raw and handed over as
 * the IMAP source does; the historyId is stored only after every message was handled, and
 * processInbound is idempotent, so a repeated message counts once.
 */
export class GmailMailboxSource implements MailboxSource {
  readonly id: string;

  constructor(
    private readonly client: GmailClient,
    private readonly sender: string,
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {
    this.id = `gmail:${sender.toLowerCase()}`;
  }

  describe(): string {
    return `Gmail (${this.sender})`;
  }

  /** `${prefix}:gmail:history:<sender>`: the historyId after the last complete pass. */
  cursorKey(): string {
    return `${this.keys.prefix}:gmail:history:${this.sender.toLowerCase()}`;
  }

  async pull(handle: (m: InboundMessage) => Promise<void>, opts: PullOptions = {}): Promise<PullResult> {
    const log = opts.log ?? (() => undefined);
    const stored = await this.redis.get(this.cursorKey());
    let reset = false;
    let found: { candidates: Candidate[]; historyId: string } | null = null;
    if (stored) {
      try {
        found = await this.sinceHistory(stored);
      } catch (err) {
        if (!(err instanceof GoogleCallError && err.failure.status === 404)) throw err;
        log(`replies: Gmail history ${stored} has expired; reading the campaigns' threads again`);
        reset = true;
      }
    }
    found ??= await this.fullPass();

    let fetched = 0;
    const seen = new Set<string>();
    for (const c of found.candidates) {
      if (opts.signal?.aborted) return { fetched, reset }; // the cursor stays: the rest comes next time
      if (seen.has(c.id) || c.labelIds?.some((l) => NOT_INBOUND.has(l))) continue;
      seen.add(c.id);
      let m;
      try {
        m = await this.client.raw(c.id);
      } catch (err) {
        // Deleted between listing and fetching: nothing to read.
        if (err instanceof GoogleCallError && err.failure.status === 404) continue;
        throw err;
      }
      if (m.labelIds.some((l) => NOT_INBOUND.has(l))) continue;
      await handle({ source: m.source, position: `Gmail message ${c.id}` });
      fetched++;
    }
    await this.redis.set(this.cursorKey(), found.historyId);
    return { fetched, reset };
  }

  /** Messages added since `start`, every page; the historyId to store next comes with the last page. */
  private async sinceHistory(start: string): Promise<{ candidates: Candidate[]; historyId: string }> {
    const candidates: Candidate[] = [];
    let historyId = start;
    let pageToken: string | undefined;
    do {
      const r = await this.client.history(start, pageToken);
      for (const h of r.history ?? []) for (const a of h.messagesAdded ?? []) if (a.message?.id) candidates.push({ id: a.message.id, labelIds: a.message.labelIds });
      if (r.historyId) historyId = r.historyId;
      pageToken = r.nextPageToken ?? undefined;
    } while (pageToken);
    return { candidates, historyId };
  }

  /** The threads of every send that has a threadId, and what the contacts wrote outside them. */
  private async fullPass(): Promise<{ candidates: Candidate[]; historyId: string }> {
    const historyId = (await this.client.profile()).historyId;
    if (!historyId) throw new Error('Gmail users.getProfile answered without a historyId');
    const threads = new Set<string>();
    const emails = new Set<string>();
    for (const campaign of (await this.redis.smembers(this.keys.campaigns())).sort()) {
      const reader = new CampaignReader(this.redis, this.keys, campaign);
      // A contact sent several steps has several entries; its address is read once.
      const looked = new Set<string>();
      for (const e of await new Ledger(this.redis, this.keys, campaign).all()) {
        if (e.state !== 'sent' && e.state !== 'uncertain') continue;
        if (e.threadId) threads.add(e.threadId);
        if (looked.has(e.contactId)) continue;
        looked.add(e.contactId);
        const contact = await reader.get(e.contactId);
        if (contact) emails.add(contact.email.toLowerCase());
      }
    }
    const candidates: Candidate[] = [];
    for (const t of threads) {
      try {
        const thread = await this.client.thread(t);
        for (const m of thread.messages ?? []) if (m.id) candidates.push({ id: m.id, labelIds: m.labelIds });
      } catch (err) {
        if (!(err instanceof GoogleCallError && err.failure.status === 404)) throw err; // a deleted thread
      }
    }
    const list = [...emails];
    for (let i = 0; i < list.length; i += FROM_CHUNK) {
      const q = `from:(${list.slice(i, i + FROM_CHUNK).join(' OR ')})`;
      for (const m of await this.client.search(q)) candidates.push({ id: m.id });
    }
    return { candidates, historyId };
  }
}
