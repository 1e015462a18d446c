import type { Command } from 'commander';
import { loadProfile, loadProject } from '../../config/load.js';
import { runSendWorker } from '../../worker/run-send-worker.js';
import { projectDir } from '../context.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run the send worker (and reply sync when IMAP is configured) until stopped with Ctrl-C')
    .option('--drain', 'exit once nothing is due now (for scripts and cron)')
    .action(async (o: { drain?: boolean }, cmd: Command) => {
      const project = loadProject(projectDir(cmd));
      const w = await runSendWorker(project, loadProfile(project), { drain: o.drain });
      // Graceful: finish the sends in flight, record them, then exit.
      const stop = (sig: string) => {
        process.stderr.write(`${sig}: finishing the sends in flight…\n`);
        void w.close();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      if (!o.drain) process.stderr.write(`worker ${w.token} running; Ctrl-C to stop\n`);
      await w.done;
      await w.close();
    });
}
