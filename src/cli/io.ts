/**
 * Where a command's output goes. The real CLI passes the process's streams; tests pass
 * their own, so commands never write to `process.stdout` directly.
 */
export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env });

/**
 * What a command returns; program.ts prints it in one place (changesets' habit).
 * `data` is what `--json` prints; `text` is what a person reads without it.
 */
export interface CommandResult<T = unknown> {
  data: T;
  text?: string;
  /** Lines for stderr in both modes: warnings, skipped rows, next steps. */
  notes?: string[];
  exitCode?: number;
}

export function printResult(io: Io, r: CommandResult, json: boolean | undefined): void {
  for (const n of r.notes ?? []) io.stderr.write(`${n}\n`);
  if (json) io.stdout.write(`${JSON.stringify(r.data, null, 2)}\n`);
  else if (r.text) io.stdout.write(r.text.endsWith('\n') ? r.text : `${r.text}\n`);
  if (r.exitCode) process.exitCode = r.exitCode;
}

/** What every command gets: the project folder (--dir) and where to write. */
export interface Ctx {
  dir: string;
  io: Io;
}
