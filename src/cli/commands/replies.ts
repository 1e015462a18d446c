import type { Command } from 'commander';
import { UserError } from '../../errors/user-error.js';
import { describeTarget, parseImapUrl } from '../../replies/imap/index.js';
import { withMailboxLock } from '../../replies/mailbox-lock.js';
import { syncReplies, type SyncCounts } from '../../replies/sync-replies.js';
import { withSession, type Session } from '../context.js';
import { registerRepliesClassify } from './replies-classify.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { SendQueue } from '../../queue/send-queue.js';
import { checkKind, formatInboundTable, listInbound } from '../../replies/inbound-list.js';
import { checkHint, markInbound, type Correction } from '../../replies/reclassify.js';

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

/** `outreach replies sync [--json]`, `replies classify <file...>`, `replies list` and `replies mark`. */
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
  registerRepliesListAndMark(replies, out);
  return replies;
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

/** `outreach replies list [--campaign] [--kind] [--json]` and `replies mark <id|email> --as <kind> [--hint]`. */
export function registerRepliesListAndMark(replies: Command, out: NodeJS.WritableStream = process.stdout): void {
  replies
    .command('list')
    .description('inbound messages matched to sends: contact, kind, hint and the reason for it')
    .option('--campaign <name>', 'one campaign (default: all)')
    .option('--kind <kind>', 'only reply, auto_reply, bounce or other')
    .option('--json', 'print [{id, campaign, contactId, email, step, kind, hint, reason, at, ...}]')
    .action(async (o: { campaign?: string; kind?: string; json?: boolean }, cmd: Command) => {
      const kind = o.kind === undefined ? undefined : checkKind(o.kind, '--kind');
      const campaign = o.campaign === undefined ? undefined : checkCampaignName(o.campaign);
      const rows = await withSession(cmd, (s) => listInbound(s.redis, s.keys, { campaign, kind }));
      out.write(o.json ? `${JSON.stringify(rows, null, 2)}\n` : formatInboundTable(rows));
    });
  replies
    .command('mark')
    .description('correct the kind of one inbound message and redo its effects (status, do-not-contact list, follow-ups)')
    .argument('<id|email>', 'the message id from "replies list", or the contact\'s address (their latest message)')
    .requiredOption('--as <kind>', 'reply, auto_reply, bounce or other')
    .option('--hint <hint>', 'for a reply: positive, negative, referral, opt_out or neutral')
    .option('--campaign <name>', 'look in this campaign only')
    .option('--json', 'print the recorded correction')
    .action(async (target: string, o: { as: string; hint?: string; campaign?: string; json?: boolean }, cmd: Command) => {
      const as = checkKind(o.as, '--as');
      const hint = o.hint === undefined ? undefined : checkHint(o.hint);
      const campaign = o.campaign === undefined ? undefined : checkCampaignName(o.campaign);
      const c = await withSession(cmd, async (s) => {
        const queue = new SendQueue(s.redis, s.keys, s.project.config.sender.email, s.project.config.retry);
        try {
          return await markInbound({ redis: s.redis, keys: s.keys, queue }, target, { as, hint, campaign });
        } finally {
          await queue.close();
        }
      });
      out.write(o.json ? `${JSON.stringify(c, null, 2)}\n` : `${correctionLine(c)}\n`);
    });
}
