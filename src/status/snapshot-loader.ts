import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import type { StoredContact } from '../campaign/stored-contact.js';
import { parseLedgerField } from '../ledger/ledger-entry.js';
import type { Config } from '../config/schema.js';
import { stepName } from '../config/step-name.js';
import { sendQueueName } from '../queue/send-job.js';
import type { Keys } from '../store/keys.js';
import { runScript } from '../store/run-script.js';
import { NEXT_LOOK, statusParts } from './campaign-status.js';
import { zeroGroup } from './counters.js';
import { dimensionRates, rate, variantRates, type CampaignSnapshot, type Snapshot, type SnapshotEvent } from './snapshot.js';

const EVENTS_SHOWN = 30;
/** KEYS: a sorted set. The middle member(s) with their scores, in one round trip (reads only). */
const MEDIAN = `
local n = redis.call('ZCARD', KEYS[1])
if n == 0 then return {} end
return redis.call('ZRANGE', KEYS[1], math.floor((n - 1) / 2), math.ceil((n - 1) / 2), 'WITHSCORES')`;
const NEXT_SHOWN = 10;
const DAYS = 14;

/**
 * The one place the dashboard reads Redis (ARCHITECTURE.md, "Where to add… a dashboard view").
 * Each load is a fixed number of small reads (counters, a few sorted-set ranges, the queue's
 * counts), whatever the number of contacts: a frame never scans them.
 */
export class SnapshotLoader {
  constructor(private readonly redis: Redis, private readonly keys: Keys, private readonly config: Config) {}

  /**
   * The send queue's job counts, read from BullMQ's keys in one round trip (a BullMQ Queue
   * object costs a script load and a version check on its first call: over 100 ms).
   * waiting = wait + paused + prioritized, as BullMQ's getJobCounts('waiting') counts them.
   */
  private async queueCounts(): Promise<{ waiting: number; delayed: number; active: number; failed: number }> {
    const q = `${this.keys.bull()}:${sendQueueName(this.config.sender.email)}`;
    const r = await this.redis.multi().llen(`${q}:wait`).llen(`${q}:paused`).zcard(`${q}:prioritized`).zcard(`${q}:delayed`).llen(`${q}:active`).zcard(`${q}:failed`).exec();
    const n = (r ?? []).map(([, v]) => Number(v ?? 0));
    return { waiting: n[0]! + n[1]! + n[2]!, delayed: n[3]!, active: n[4]!, failed: n[5]! };
  }

  async campaigns(): Promise<string[]> {
    return (await this.redis.smembers(this.keys.campaigns())).sort();
  }

  /** The campaigns' names and one campaign's snapshot (the first when none is named). */
  async load(campaign?: string, o: { now?: number; withContacts?: boolean } = {}): Promise<Snapshot> {
    const campaigns = await this.campaigns();
    const name = campaign ?? campaigns[0];
    if (!name || !campaigns.includes(name)) return { campaigns, current: null };
    return { campaigns, current: await this.campaign(name, o.now ?? Date.now(), o.withContacts ?? false) };
  }

  private async names(campaign: string, ids: string[]): Promise<Map<string, StoredContact>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const raws = await this.redis.hmget(this.keys.contacts(campaign), ...unique);
    return new Map(raws.flatMap((r, i) => (r ? [[unique[i]!, JSON.parse(r) as StoredContact] as const] : [])));
  }

  async campaign(campaign: string, now: number, withContacts: boolean): Promise<CampaignSnapshot> {
    const k = this.keys;
    const dayStarts = Array.from({ length: DAYS + 1 }, (_, i) => DateTime.fromMillis(now).startOf('day').minus({ days: DAYS - 1 - i }).toMillis());
    // Two round trips deep: the counters and ranges, then the ledger entries and names of the
    // few contacts shown (read for the next sends straight from the due set's members).
    type Ev = { at: number; kind: string; contactId: string; step: number; hint?: string };
    const shown = async () => {
      const [events, due] = await Promise.all([
        this.redis.lrange(k.events(campaign), 0, EVENTS_SHOWN - 1),
        this.redis.zrange(k.due(campaign), '0', String(NEXT_LOOK - 1)),
      ]);
      const evs = events.map((e) => JSON.parse(e) as Ev);
      const ids = [...evs.map((e) => e.contactId), ...due.map((f) => parseLedgerField(f)?.contactId ?? '')];
      return { evs, who: await this.names(campaign, ids.filter(Boolean)) };
    };
    const [parts, { evs, who }, delays, perDay, queue] = await Promise.all([
      statusParts(this.redis, k, this.config, campaign, now, { sweep: false }),
      shown(),
      this.median(campaign),
      Promise.all(dayStarts.slice(0, DAYS).map((start, i) => this.redis.zcount(k.repliedAt(campaign), start, `(${dayStarts[i + 1]}`))),
      this.queueCounts(),
    ]);
    const { status: st, counters: c, next } = parts;
    const label = (id: string) => {
      const ct = who.get(id);
      return ct ? `${ct.row.first_name} ${ct.row.last_name} <${ct.email}>` : id;
    };
    const first = c.steps[0] ?? { ...zeroGroup(), sent: 0 };
    const overall = rate('all', { sent: first.sent, bounced: c.status.bounced, replied: c.replied, positive: c.positive });
    const snap: CampaignSnapshot = {
      campaign,
      generatedAt: new Date(now).toISOString(),
      status: st,
      funnel: { contacts: st.contacts, sent: overall.sent, delivered: overall.delivered, replied: c.replied, positive: c.positive },
      side: { bounced: st.bounced, softBounced: st.softBounced, autoReplies: st.autoReplies, optedOut: st.optedOut, failed: st.failed, uncertain: st.uncertain },
      rate: overall,
      byStep: c.steps.map((s, i) => rate(stepName(i), { sent: s.sent, bounced: s.bounced, replied: s.replied, positive: 0 })).filter((r) => r.sent > 0),
      byTopic: dimensionRates(c, 'topic'),
      byInstitution: dimensionRates(c, 'institution'),
      byVariant: variantRates([...c.groups.variant].map(([n, g]) => rate(n, g)).sort((a, b) => a.name.localeCompare(b.name))),
      repliesPerDay: perDay,
      medianFirstReplyMs: delays,
      today: { sent: st.sentToday, cap: st.dailyCap },
      next: next.slice(0, NEXT_SHOWN).map((n) => {
        const tz = who.get(n.contactId)?.row.timezone ?? this.config.pacing.defaultTimezone;
        return { contact: label(n.contactId), step: n.step, at: new Date(n.at).toISOString(), timezone: tz, local: DateTime.fromMillis(n.at, { zone: tz }).toFormat('ccc HH:mm') };
      }),
      queue,
      events: evs.map((e): SnapshotEvent => ({ at: new Date(e.at).toISOString(), kind: e.kind, contact: label(e.contactId), step: e.step, ...(e.hint ? { hint: e.hint } : {}) })),
    };
    if (withContacts) snap.contacts = await this.contacts(campaign);
    return snap;
  }

  /** Median of the first-reply delays: the middle of a sorted set, read by rank. */
  private async median(campaign: string): Promise<number | null> {
    const got = (await runScript(this.redis, MEDIAN, 1, this.keys.replyDelay(campaign))) as string[];
    if (got.length === 0) return null;
    const scores = got.filter((_, i) => i % 2 === 1).map(Number);
    return scores.reduce((a, b) => a + b, 0) / scores.length;
  }

  /** Every contact and its variant, in import order (for --json and report, not for frames). */
  async contacts(campaign: string): Promise<{ email: string; variant: string | null }[]> {
    const ids = await this.redis.zrange(this.keys.order(campaign), '0', '-1');
    const out: { email: string; variant: string | null }[] = [];
    for (let i = 0; i < ids.length; i += 5000) {
      const part = ids.slice(i, i + 5000);
      const [raws, variants] = await Promise.all([this.redis.hmget(this.keys.contacts(campaign), ...part), this.redis.hmget(this.keys.variants(campaign), ...part)]);
      raws.forEach((r, j) => r && out.push({ email: (JSON.parse(r) as StoredContact).email, variant: variants[j] ?? null }));
    }
    return out;
  }

  /** Nothing to release: the connection is the caller's. */
  async close(): Promise<void> {}
}

