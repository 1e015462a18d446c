import type { Command } from 'commander';
import { UserError } from '../../errors/user-error.js';
import { describeTarget, parseImapUrl } from '../../replies/imap/index.js';
import { withMailboxLock } from '../../replies/mailbox-lock.js';
import { syncReplies, type SyncCounts } from '../../replies/sync-replies.js';
import { withSession, type Session } from '../context.js';
import { registerRepliesClassify } from './replies-classify.js';

/** One pass over the mailbox for a session; the lock keeps it off a running worker's pass. */
export async function syncRepliesOnce(s: Session, log?: (line: string) => void): Promise<SyncCounts> {
  const url = s.project.config.imap.url;
  if (!url)
    throw new UserError('no mailbox to read replies from', {
      where: 'IMAP_URL',
      hint: 'set IMAP_URL=imaps://user:app-password@imap.example.org/INBOX (or imap.url in outreach.config.json)',
    });
  const counts = await withMailboxLock(s.redis, s.keys, url, () => syncReplies({ redis: s.redis, keys: s.keys, config: s.project.config, url, log }));
  if (!counts)
    throw new UserError(`another process is reading ${describeTarget(parseImapUrl(url))} right now`, {
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

/** `outreach replies sync [--json]` and `outreach replies classify <file...>`. */
export function registerReplies(program: Command, out: NodeJS.WritableStream = process.stdout): Command {
  const replies = program.command('replies').description('reply tracking: read the mailbox, classify what came back');
  replies
    .command('sync')
    .description('one pass over the mailbox (IMAP_URL): match replies, auto-replies and bounces, stop follow-ups')
    .option('--json', 'print {fetched, matched, replies, autoReplies, bounces, optOuts, unmatched, ...}')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      const counts = await withSession(cmd, (s) => syncRepliesOnce(s, o.json ? undefined : (l) => out.write(`${l}\n`)));
      out.write(o.json ? `${JSON.stringify(counts, null, 2)}\n` : `${summary(counts)}\n`);
    });
  registerRepliesClassify(replies, out);
  return replies;
}
