import { UserError } from '../../errors/user-error.js';
import { withMailboxLock } from '../../replies/mailbox-lock.js';
import { requireMailboxSource } from '../../replies/mailbox-source-for.js';
import { syncReplies, type SyncCounts } from '../../replies/sync-replies.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession, type Session } from '../session.js';

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
