import { UserError } from '../errors/user-error.js';

/** Prints an error as one line (where: what) and a hint line; returns the exit code. */
export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof UserError) {
    stderr.write(`error: ${err.line()}\n`);
    if (err.details) stderr.write(`${err.details}\n`);
    if (err.hint) stderr.write(`hint: ${err.hint}\n`);
    return err.exitCode;
  }
  const e = err as { code?: string; message?: string; exitCode?: number };
  if (e && (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')) return 0;
  // Commander has already printed its own one-line message (unknown option, missing argument).
  if (typeof e?.code === 'string' && e.code.startsWith('commander.')) return e.exitCode ?? 1;
  stderr.write(`error: ${e?.message ?? String(err)}\n`);
  if (process.env.OUTREACH_DEBUG && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
  else stderr.write('hint: set OUTREACH_DEBUG=1 for a stack trace\n');
  return 1;
}
