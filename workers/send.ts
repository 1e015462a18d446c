// Entry point only: the send worker for the project in OUTREACH_DIR (or the current folder),
// until SIGINT/SIGTERM. The processor lives in src/send/ (ARCHITECTURE.md, "Processes").
import { loadProfile, loadProject } from '../src/config/load.js';
import { reportError } from '../src/cli/report-error.js';
import { runSendWorker } from '../src/send/run-send-worker.js';

try {
  const project = loadProject(process.env.OUTREACH_DIR ?? process.cwd());
  const w = await runSendWorker(project, loadProfile(project), { drain: process.argv.includes('--drain') });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void w.close());
  await w.done;
} catch (err) {
  process.exitCode = reportError(err);
}
