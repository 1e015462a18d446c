import type { Redis } from 'ioredis';
import type { StoredContact } from '../campaign/stored-contact.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import { EVENTS_MAX } from '../ledger/stats-lua.js';
import type { InboxRecord } from '../replies/inbox-record.js';
import type { Keys } from '../store/keys.js';

/** The keys the counters live in (all rewritten by a rebuild). */
export function counterKeys(keys: Keys, campaign: string): string[] {
  return [keys.stats(campaign), keys.sentAt(campaign), keys.due(campaign), keys.repliedAt(campaign), keys.replyDelay(campaign), keys.positive(campaign), keys.events(campaign)];
}

interface Rebuilt {
  stats: Map<string, number>;
  sentAt: [number, string][];
  due: [number, string][];
  repliedAt: [number, string][];
  replyDelay: [number, string][];
  positive: string[];
  events: { at: number; kind: string; contactId: string; step: number; hint?: string }[];
}

/**
 * The counters computed from the ledger, the contacts' statuses and the inbox list: the same
 * rules as ledger/stats-lua.ts and replies/stats-scripts.ts, applied to the records at rest.
 */
export function computeCounters(
  entries: LedgerEntry[], statuses: Record<string, string>, inboxNewestFirst: InboxRecord[],
  dims: (contactId: string) => string[],
): Rebuilt {
  const r: Rebuilt = { stats: new Map(), sentAt: [], due: [], repliedAt: [], replyDelay: [], positive: [], events: [] };
  const inc = (f: string, by = 1) => r.stats.set(f, (r.stats.get(f) ?? 0) + by);
  const group = (cid: string, what: string) => { for (const d of dims(cid)) inc(`g\t${d}\t${what}`); };
  const firstSent = new Map<string, number>();
  for (const e of entries as (LedgerEntry & { softBounce?: unknown })[]) {
    const field = `${e.contactId}:${e.step}`;
    inc(`state:${e.state}`);
    inc(`step:${e.step}:${e.state}`);
    if (e.state === 'queued') r.due.push([e.dueAt ?? e.updatedAt, field]);
    if (e.state === 'sent') r.sentAt.push([e.sentAt ?? e.updatedAt, field]);
    if (e.state === 'sent' && e.step === 0) { group(e.contactId, 'sent'); firstSent.set(e.contactId, e.sentAt ?? e.updatedAt); }
    if (e.state === 'sent' || e.state === 'failed' || e.state === 'uncertain') r.events.push({ at: e.updatedAt, kind: e.state, contactId: e.contactId, step: e.step });
    if (e.softBounce) inc('softBounced');
  }
  for (const [cid, st] of Object.entries(statuses)) {
    if (st === 'active') continue;
    inc(`status:${st}`);
    if (st === 'bounced') group(cid, 'bounced');
  }
  const replied = new Set<string>();
  const positive = new Set<string>();
  const bounced = new Set<string>();
  for (const m of [...inboxNewestFirst].reverse()) {
    const at = Date.parse(m.at);
    const cid = m.contactId;
    if (m.kind === 'reply') {
      r.events.push({ at, kind: 'reply', contactId: cid, step: m.step, hint: m.hint ?? '' });
      if (!replied.has(cid)) {
        replied.add(cid);
        inc('replied'); inc(`step:${m.step}:replied`); group(cid, 'replied');
        r.repliedAt.push([at, cid]);
        const sent = firstSent.get(cid);
        if (sent !== undefined) r.replyDelay.push([Math.max(0, at - sent), cid]);
      }
      if (m.hint === 'positive' && !positive.has(cid)) { positive.add(cid); inc('positive'); group(cid, 'positive'); }
    } else if (m.kind === 'bounce' && m.bounce) {
      inc(`bounces:${m.bounce.type}`);
      r.events.push({ at, kind: m.bounce.type === 'soft' ? 'soft_bounce' : 'bounce', contactId: cid, step: m.step });
      if (m.bounce.type === 'hard' && statuses[cid] === 'bounced' && !bounced.has(cid)) { bounced.add(cid); inc(`step:${m.step}:bounced`); }
    } else if (m.kind === 'auto_reply') {
      r.events.push({ at, kind: 'auto_reply', contactId: cid, step: m.step });
    }
  }
  r.positive = [...positive];
  r.events = r.events.sort((a, b) => b.at - a.at).slice(0, EVENTS_MAX);
  return r;
}

/**
 * The topic / institution / variant of each contact, as the Lua counters see them. Worked out
 * once per contact (one function per rebuild attempt), however many groups it counts in.
 */
export function dimsOf(contactsJson: Record<string, string>, variants: Record<string, string>): (cid: string) => string[] {
  const seen = new Map<string, string[]>();
  return (cid) => {
    const known = seen.get(cid);
    if (known) return known;
    const out: string[] = [];
    const raw = contactsJson[cid];
    if (raw) {
      const row = (JSON.parse(raw) as StoredContact).row as { topic?: string; institution?: string };
      if (row.topic) out.push(`topic\t${row.topic}`);
      if (row.institution) out.push(`institution\t${row.institution}`);
    }
    if (variants[cid]) out.push(`variant\t${variants[cid]}`);
    seen.set(cid, out);
    return out;
  };
}

/**
 * `outreach status --rebuild`: recomputes one campaign's counters from the ledger. Optimistic:
 * the records are WATCHed, so a send or a reply landing meanwhile makes it start over.
 */
export async function rebuildCounters(redis: Redis, keys: Keys, campaign: string): Promise<{ entries: number; attempts: number }> {
  const watched = [keys.ledger(campaign), keys.status(campaign), keys.inbox(campaign), keys.variants(campaign), keys.contacts(campaign)];
  for (let attempt = 1; attempt <= 10; attempt++) {
    await redis.watch(...watched);
    const [ledger, statuses, inbox, contacts, variants] = await Promise.all([
      redis.hgetall(keys.ledger(campaign)), redis.hgetall(keys.status(campaign)), redis.lrange(keys.inbox(campaign), 0, -1),
      redis.hgetall(keys.contacts(campaign)), redis.hgetall(keys.variants(campaign)),
    ]);
    const entries = Object.values(ledger).map((x) => JSON.parse(x) as LedgerEntry);
    const r = computeCounters(entries, statuses, inbox.map((x) => JSON.parse(x) as InboxRecord), dimsOf(contacts, variants));
    const m = redis.multi().del(...counterKeys(keys, campaign));
    const chunk = <T>(xs: T[], f: (part: T[]) => void) => { for (let i = 0; i < xs.length; i += 5000) f(xs.slice(i, i + 5000)); };
    const stats = [...r.stats].filter(([, v]) => v !== 0);
    chunk(stats, (p) => m.hset(keys.stats(campaign), ...p.flat().map(String)));
    const z = (key: string, xs: [number, string][]) => chunk(xs, (p) => m.zadd(key, ...p.flat().map(String)));
    z(keys.sentAt(campaign), r.sentAt); z(keys.due(campaign), r.due); z(keys.repliedAt(campaign), r.repliedAt); z(keys.replyDelay(campaign), r.replyDelay);
    chunk(r.positive, (p) => m.sadd(keys.positive(campaign), ...p));
    if (r.events.length) m.rpush(keys.events(campaign), ...r.events.map((e) => JSON.stringify(e)));
    if ((await m.exec()) !== null) return { entries: entries.length, attempts: attempt };
  }
  throw new Error(`the campaign "${campaign}" kept changing during the rebuild; try again when the workers are quiet`);
}
