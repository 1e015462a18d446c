#!/usr/bin/env node
import { buildProgram } from './program.js';
import { reportError } from './report-error.js';
import { treatClosedPipeAsEnd } from './closed-pipe.js';

treatClosedPipeAsEnd(process.stdout);
treatClosedPipeAsEnd(process.stderr);

// Entry point of the `outreach` bin: parse, run, and turn any error into one line plus a hint.
buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.exitCode = reportError(err);
  });
