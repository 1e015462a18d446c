import type { Redis } from 'ioredis';
import { CampaignReader } from '../campaign/campaign-reader.js';
import { UserError } from '../errors/user-error.js';
import type { Keys } from '../store/keys.js';
import { KINDS, type ReplyKind } from './classify/index.js';
import type { InboxRecord } from './inbox-record.js';
import { formatTable, oneLine } from './text-table.js';

/** One inbound message as `replies list` shows it. */
export interface InboundRow {
  /** The inbound message's id (its Message-ID, or a digest): what `replies mark` takes. */
  id: string;
  campaign: string;
  contactId: string;
  email?: string;
  step: number;
  kind: ReplyKind;
  hint?: string;
  reason?: string;
  at: string;
  from?: string;
  subject?: string;
  bounce?: InboxRecord['bounce'];
  returnDate?: string;
  corrected?: InboxRecord['corrected'];
}

export function checkKind(kind: string, where: string): ReplyKind {
  if ((KINDS as readonly string[]).includes(kind)) return kind as ReplyKind;
  throw new UserError(`"${kind}" is not a kind of inbound message`, { where, hint: `use one of: ${KINDS.join(', ')}` });
}

/** A campaign's inbox records, newest first (the order of the inbox list). */
export async function inboxRecords(redis: Redis, keys: Keys, campaign: string): Promise<InboxRecord[]> {
  return (await redis.lrange(keys.inbox(campaign), 0, -1)).map((r) => JSON.parse(r) as InboxRecord);
}

/** Every inbound message matched to a send, newest first; filtered by campaign and kind. */
export async function listInbound(redis: Redis, keys: Keys, o: { campaign?: string; kind?: ReplyKind } = {}): Promise<InboundRow[]> {
  let campaigns: string[];
  if (o.campaign) {
    await new CampaignReader(redis, keys, o.campaign).mustExist();
    campaigns = [o.campaign];
  } else campaigns = (await redis.smembers(keys.campaigns())).sort();
  const rows: InboundRow[] = [];
  for (const campaign of campaigns) {
    const reader = new CampaignReader(redis, keys, campaign);
    const emails = new Map<string, string | undefined>();
    for (const r of await inboxRecords(redis, keys, campaign)) {
      if (o.kind && r.kind !== o.kind) continue;
      if (!emails.has(r.contactId)) emails.set(r.contactId, (await reader.get(r.contactId))?.email);
      rows.push(toRow(campaign, r, emails.get(r.contactId)));
    }
  }
  return rows.sort((a, b) => b.at.localeCompare(a.at));
}

function toRow(campaign: string, r: InboxRecord, email: string | undefined): InboundRow {
  const row: InboundRow = { id: r.messageId ?? '', campaign, contactId: r.contactId, step: r.step, kind: r.kind, at: r.at };
  if (email) row.email = email;
  for (const k of ['hint', 'reason', 'from', 'subject', 'bounce', 'returnDate', 'corrected'] as const) {
    if (r[k] !== undefined) (row as unknown as Record<string, unknown>)[k] = r[k];
  }
  return row;
}

/** One line per message: when, campaign, contact, kind (and hint), id, and why. */
export function formatInboundTable(rows: InboundRow[]): string {
  if (rows.length === 0) return 'no inbound messages matched to a send yet (outreach replies sync reads the mailbox)\n';
  const kindOf = (r: InboundRow): string =>
    `${r.kind}${r.hint && r.kind === 'reply' ? `/${r.hint}` : ''}${r.bounce ? ` ${r.bounce.type}` : ''}${r.corrected ? ' (corrected)' : ''}`;
  const table = [
    ['AT', 'CAMPAIGN', 'CONTACT', 'KIND', 'ID', 'REASON'],
    ...rows.map((r) => [r.at.slice(0, 16).replace('T', ' '), r.campaign, r.email ?? r.contactId, kindOf(r), r.id, oneLine(r.reason ?? '', 70)]),
  ];
  return formatTable(table);
}
