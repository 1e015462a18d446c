// Entry point only: the reply poller for the project in OUTREACH_DIR (or the current
// folder), until SIGINT/SIGTERM. The logic lives in src/replies/ (ARCHITECTURE.md, "Processes").
import { loadProject } from '../src/config/load.js';
import { reportError } from '../src/cli/report-error.js';
import { startReplyWorker } from '../src/replies/reply-worker.js';

try {
  const project = loadProject(process.env.OUTREACH_DIR ?? process.cwd());
  const w = await startReplyWorker(project.config);
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
  });
  await w.close();
} catch (err) {
  process.exitCode = reportError(err);
}
