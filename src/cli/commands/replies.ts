import { checkCampaignName } from '../../campaign/campaign-name.js';
import { UserError } from '../../errors/user-error.js';
import { checkKind, formatInboundTable, listInbound } from '../../replies/inbound-list.js';
import { withMailboxLock } from '../../replies/mailbox-lock.js';
import { requireMailboxSource } from '../../replies/mailbox-source-for.js';
import { checkHint, markInbound, type Correction } from '../../replies/reclassify.js';
import { syncReplies, type SyncCounts } from '../../replies/sync-replies.js';
import { rebuildCounters } from '../../status/counters-rebuild.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession, type Session } from '../session.js';
import { withQueue } from './select-contacts.js';

/** One pass over the mailbox for a session; the lock keeps it off a running worker's pass. */
export async function syncRepliesOnce(s: Session, log?: (line: string) => void): Promise<SyncCounts> {
  const source = requireMailboxSource(s.project.config, s.redis, s.keys);
  const counts = await withMailboxLock(s.redis, s.keys, source.id, () => syncReplies({ redis: s.redis, keys: s.keys, config: s.project.config, source, log }));
  if (!counts)
    throw new UserError(`another process is reading ${source.describe()} right now`, {
      where: 'replies sync',
      hint: 'a running "outreach worker" syncs on its own; try again in a minute',
    });
  return counts;
}

function summary(c: SyncCounts): string {
  return (
    `fetched ${c.fetched}, matched ${c.matched} (replies ${c.replies}, auto-replies ${c.autoReplies}, bounces ${c.bounces}, opt-outs ${c.optOuts})` +
    `, not ours ${c.unmatched}${c.duplicates ? `, already seen ${c.duplicates}` : ''}${c.unreadable ? `, unreadable ${c.unreadable}` : ''}` +
    (c.uidValidityReset ? ' (the mailbox was rebuilt on the server: rescanned from the start)' : '')
  );
}

/** `outreach replies sync`: one pass; log lines only without --json. */
export async function repliesSync(ctx: Ctx, o: { json?: boolean }): Promise<CommandResult<SyncCounts>> {
  const counts = await withSession(ctx.dir, ctx.io, (s) => syncRepliesOnce(s, o.json ? undefined : (l) => ctx.io.stdout.write(`${l}\n`)));
  return { data: counts, text: summary(counts) };
}

/** `outreach replies list [--campaign] [--kind]`: inbound messages with kind, hint and reason. */
export async function repliesList(ctx: Ctx, o: { campaign?: string; kind?: string }): Promise<CommandResult> {
  const kind = o.kind === undefined ? undefined : checkKind(o.kind, '--kind');
  const campaign = o.campaign === undefined ? undefined : checkCampaignName(o.campaign);
  const rows = await withSession(ctx.dir, ctx.io, (s) => listInbound(s.redis, s.keys, { campaign, kind }));
  return { data: rows, text: formatInboundTable(rows) };
}

function correctionLine(c: Correction): string {
  const k = (x: Correction['before']): string => `${x.kind}${x.hint ? `/${x.hint}` : ''}`;
  return (
    `${c.campaign}/${c.email ?? c.contactId}: ${k(c.before)} -> ${k(c.after)}; status ${c.status.before} -> ${c.status.after}` +
    (c.suppression === 'added' ? '; address suppressed' : c.suppression === 'removed' ? '; address taken off the do-not-contact list' : '') +
    (c.cancelled ? `; ${c.cancelled} follow-up(s) cancelled` : '') +
    (c.reallowed ? `; ${c.reallowed} follow-up(s) queued again` : '')
  );
}

/** `outreach replies mark <id|email> --as <kind> [--hint]`: corrects one and redoes its effects. */
export async function repliesMark(ctx: Ctx, target: string, o: { as: string; hint?: string; campaign?: string }): Promise<CommandResult<Correction>> {
  const as = checkKind(o.as, '--as');
  const hint = o.hint === undefined ? undefined : checkHint(o.hint);
  const campaign = o.campaign === undefined ? undefined : checkCampaignName(o.campaign);
  const c = await withSession(ctx.dir, ctx.io, (s) =>
    withQueue(s, async (queue) => {
      const correction = await markInbound({ redis: s.redis, keys: s.keys, queue }, target, { as, hint, campaign });
      // A correction can move a contact's status any way (not only up, as a new reply does):
      // the campaign's counters are recomputed from the ledger, statuses and inbox.
      await rebuildCounters(s.redis, s.keys, correction.campaign);
      return correction;
    }),
  );
  return { data: c, text: correctionLine(c) };
}
