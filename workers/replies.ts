// Entry point only: runs the scheduled reply sync (IMAP) for the project in OUTREACH_DIR
// (or the current folder) until SIGINT/SIGTERM. The logic lives in src/replies/.
import { loadProject } from '../src/config/load.js';
import { reportError } from '../src/cli/report-error.js';
import { UserError } from '../src/errors/user-error.js';
import { startReplyWorker } from '../src/replies/reply-worker.js';

try {
  const project = loadProject(process.env.OUTREACH_DIR ?? process.cwd());
  if (!project.config.imap.url) throw new UserError('no mailbox to read replies from', { where: 'IMAP_URL', hint: 'set IMAP_URL=imaps://user:pass@host:993/INBOX or imap.url in outreach.config.json' });
  const w = await startReplyWorker(project);
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
  });
  await w.close();
} catch (err) {
  process.exitCode = reportError(err);
}
