import { Command } from 'commander';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerLint } from './commands/lint.js';
import { registerPreview } from './commands/preview.js';
import { registerResolve } from './commands/resolve.js';
import { registerSend } from './commands/send.js';
import { registerStatus } from './commands/status.js';
import { registerWorker } from './commands/worker.js';

/** Builds the `outreach` command tree, in data-flow order. Each command lives in ./commands. */
export function buildProgram(): Command {
  const program = new Command('outreach')
    .description('Find U.S. radiology research mentors and write to them in paced, tailored batches.')
    .option('--dir <path>', 'project folder (config, profile, templates, data)', process.cwd())
    .showHelpAfterError()
    .exitOverride();
  registerInit(program);
  registerImport(program);
  registerPreview(program);
  registerLint(program);
  registerSend(program);
  registerWorker(program);
  registerStatus(program);
  registerResolve(program);
  return program;
}
