import { loadProfile, loadProject } from '../../config/load.js';
import { hasMailbox } from '../../replies/has-mailbox.js';
import type { ReplyWorker } from '../../replies/reply-worker.js';
import { runSendWorker } from '../../send/run-send-worker.js';
import type { CommandResult, Ctx } from '../io.js';

/**
 * `outreach worker [--drain]`: the send worker and, when a mailbox is configured, the reply
 * poller, side by side in this process (ARCHITECTURE.md, "Processes"). Neither starts the
 * other; workers/send.ts and workers/replies.ts run each on its own.
 */
export async function worker(ctx: Ctx, o: { drain?: boolean }): Promise<CommandResult<null>> {
  const project = loadProject(ctx.dir, ctx.io.env);
  const log = (l: string) => ctx.io.stdout.write(`${l}\n`);
  const w = await runSendWorker(project, loadProfile(project), { drain: o.drain, log });
  let replies: ReplyWorker | undefined;
  // One-shot runs (--drain) leave the mailbox to `outreach replies sync`.
  if (hasMailbox(project.config) && !o.drain) {
    try {
      // Loaded only here: a worker without a mailbox never loads the mail libraries.
      const { startReplyWorker } = await import('../../replies/reply-worker.js');
      replies = await startReplyWorker(project.config, { log });
    } catch (err) {
      log(`reply sync not started: ${(err as Error).message}`);
    }
  }
  // Graceful: finish the sends in flight, record them, then exit.
  const stop = (sig: string) => {
    ctx.io.stderr.write(`${sig}: finishing the sends in flight…\n`);
    void w.close();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  if (!o.drain) ctx.io.stderr.write(`worker ${w.token} running; Ctrl-C to stop\n`);
  await w.done;
  await Promise.all([w.close(), replies?.close()]);
  return { data: null };
}
