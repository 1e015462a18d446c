#!/usr/bin/env node
// Entry point of the `outreach` bin. Kept to syntax every Node.js release can parse, so an
// old Node prints one line naming the version needed instead of a syntax error.
const NEEDED = 22;
const major = Number(process.versions.node.split('.')[0]);
if (major < NEEDED) {
  process.stderr.write(`error: outreach needs Node.js ${NEEDED} or newer; this is Node.js ${process.versions.node}\nhint: install Node.js ${NEEDED}+ (e.g. nvm install ${NEEDED}) and run it again\n`);
  process.exit(1);
}
const args = process.argv.slice(2);
// `--help` of a command: the text stored by the build, when it is current (help-cache.ts).
const last = args[args.length - 1];
const helpCache = last === '--help' || last === '-h' ? await import('./help-cache.js') : undefined;
const stored = helpCache?.cachedHelp(args);
if (helpCache && stored !== undefined) {
  helpCache.printHelp(stored);
} else {
  // Reuse V8's compiled code between runs (Node 22.1+): most of a short command's start-up.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  // A closed pipe (`outreach status | head -1`) is a normal end, not an error.
  const { treatClosedPipeAsEnd } = await import('./closed-pipe.js');
  treatClosedPipeAsEnd(process.stdout);
  treatClosedPipeAsEnd(process.stderr);
  const { runCli } = await import('./program.js');
  try {
    await runCli(args);
  } catch (err) {
    // One line (where: what) and a hint, then the exit code.
    const { reportError } = await import('./report-error.js');
    process.exitCode = reportError(err);
  }
}
