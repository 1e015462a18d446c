import type { Redis } from 'ioredis';
import { CampaignReader } from '../campaign/campaign-reader.js';
import { Ledger } from '../ledger/ledger.js';
import type { LedgerEntry } from '../ledger/ledger-entry.js';
import type { InboxRecord } from '../replies/inbox-record.js';
import type { Keys } from '../store/keys.js';

export const REPORT_COLUMNS = [
  'email', 'first_name', 'last_name', 'institution', 'topic', 'variant',
  'sent_at', 'step_reached', 'outcome', 'reply_date', 'reply_hint', 'bounce_reason',
] as const;

export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], string>;

/** A contact's outcome, the most telling first: what the person or their server said, then the sends. */
function outcome(status: string, entries: LedgerEntry[], inbox: InboxRecord[]): string {
  if (status === 'opted_out') return 'opted out';
  if (status === 'bounced') return 'bounced';
  if (status === 'replied') return 'replied';
  const states = new Set(entries.map((e) => e.state));
  if (inbox.some((m) => m.kind === 'bounce' && m.bounce?.type === 'soft')) return 'soft bounce';
  if (inbox.some((m) => m.kind === 'auto_reply')) return 'auto-reply';
  if (states.has('uncertain')) return 'uncertain';
  if (states.has('failed')) return 'failed';
  if (states.has('sending')) return 'sending';
  if (states.has('sent')) return 'no reply yet';
  if (states.has('queued')) return 'queued';
  if (states.has('cancelled')) return 'cancelled';
  return 'not sent';
}

/**
 * One row per contact, in import order (a full read of the campaign: an export, not a frame).
 * Replies and bounces come from the inbox list, which keeps the latest 10,000 messages.
 */
export async function contactReport(redis: Redis, keys: Keys, campaign: string): Promise<ReportRow[]> {
  const reader = new CampaignReader(redis, keys, campaign);
  await reader.mustExist();
  const [contacts, statuses, entries, inbox] = await Promise.all([
    reader.all(), reader.statuses(), new Ledger(redis, keys, campaign).byContact(), redis.lrange(keys.inbox(campaign), 0, -1),
  ]);
  const messages = new Map<string, InboxRecord[]>();
  for (const raw of inbox.reverse()) { // oldest first
    const m = JSON.parse(raw) as InboxRecord;
    messages.set(m.contactId, [...(messages.get(m.contactId) ?? []), m]);
  }
  return contacts.map((c) => {
    const es = entries.get(c.id) ?? [];
    const ms = messages.get(c.id) ?? [];
    const sent = es.filter((e) => e.state === 'sent');
    const first = sent.find((e) => e.step === 0);
    const reply = ms.find((m) => m.kind === 'reply');
    const bounce = [...ms].reverse().find((m) => m.kind === 'bounce');
    const row = c.row as unknown as Record<string, string | undefined>;
    return {
      email: c.email, first_name: c.row.first_name, last_name: c.row.last_name,
      institution: row.institution ?? '', topic: row.topic ?? '', variant: c.variant ?? '',
      sent_at: first?.sentAt ? new Date(first.sentAt).toISOString() : '',
      step_reached: sent.length ? String(Math.max(...sent.map((e) => e.step))) : '',
      outcome: outcome(statuses[c.id] ?? 'active', es, ms),
      reply_date: reply?.at ?? '',
      reply_hint: reply?.hint ?? '',
      bounce_reason: bounce?.bounce ? [bounce.bounce.type, bounce.bounce.status, bounce.bounce.diagnostic].filter(Boolean).join(': ').replace(/\s+/g, ' ').slice(0, 200) : '',
    };
  });
}
