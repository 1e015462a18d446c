import { Command } from 'commander';
import { checkCampaignName } from '../campaign/campaign-name.js';
import { withSession } from './context.js';
import { registerDiscover } from './commands/discover.js';
import { importFile, registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerLint } from './commands/lint.js';
import { registerPreview } from './commands/preview.js';
import { registerReplies } from './commands/replies.js';
import { registerResolve } from './commands/resolve.js';
import { registerSend } from './commands/send.js';
import { registerStatus } from './commands/status.js';
import { registerSuppress } from './commands/suppress.js';
import { registerWorker } from './commands/worker.js';
import { registerForget } from './commands/forget.js';

/** Builds the `outreach` command tree, in data-flow order. Each command lives in ./commands. */
export function buildProgram(): Command {
  const program = new Command('outreach')
    .description('Find U.S. radiology research mentors and write to them in paced, tailored batches.')
    .option('--dir <path>', 'project folder (config, profile, templates, data)', process.cwd())
    .showHelpAfterError()
    .exitOverride();
  registerInit(program);
  registerDiscover(program, {
    // `discover --campaign` imports the CSV it wrote, exactly as `outreach import` would.
    importCsv: async (csv, campaign) => {
      const r = await withSession(program, (s) => importFile(s, csv, checkCampaignName(campaign)));
      process.stderr.write(`imported ${r.imported} contact(s) into "${campaign}" (${r.existing} already there, ${r.skipped.length - r.existing} skipped)\n`);
      return r;
    },
  });
  registerImport(program);
  registerPreview(program);
  registerLint(program);
  registerSend(program);
  registerWorker(program);
  registerStatus(program);
  registerResolve(program);
  registerReplies(program);
  registerSuppress(program);
  registerForget(program);
  return program;
}
