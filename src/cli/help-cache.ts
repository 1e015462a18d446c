// The fast path of `outreach [command...] --help` (ARCHITECTURE.md, "cli"): `npm run build`
// stores the help text of every command (scripts/help-cache.ts), and main.ts prints it
// without loading the command parser. Only builtins that Node has loaded already are used,
// through process.getBuiltinModule (no ESM facade to build), and the text is written with
// one writeSync: a `--help` then costs little more than starting Node.
import type * as Fs from 'node:fs';

/** The width the help is laid out for, in every terminal (program.ts sets it). */
export const HELP_WIDTH = 80;

export interface HelpCache {
  /** program.js when the texts were made: its modification time and a hash of its bytes. */
  program: ProgramStamp;
  /** Command path ("" for the program, "replies sync") → its `--help` text. */
  help: Record<string, string>;
}

export interface ProgramStamp {
  mtimeMs: number;
  hash: string;
}

const fs = () => process.getBuiltinModule('node:fs') as typeof Fs;

export const helpCacheUrl = (): URL => new URL('./help-cache.json', import.meta.url);
const programUrl = () => new URL('./program.js', import.meta.url);

/** FNV-1a of program.js's bytes, with their count. */
function programHash(): string {
  const bytes = fs().readFileSync(programUrl());
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

export function programStamp(): ProgramStamp {
  return { mtimeMs: fs().statSync(programUrl()).mtimeMs, hash: programHash() };
}

/**
 * Whether the texts were made from this program.js: the same modification time (the build
 * left it), else the same bytes (an npm tarball gives every file one fixed date).
 */
function current(stamp: ProgramStamp): boolean {
  return fs().statSync(programUrl()).mtimeMs === stamp.mtimeMs || programHash() === stamp.hash;
}

/** The stored help for these arguments (a command path, then only --help or -h), else undefined. */
export function cachedHelp(args: string[]): string | undefined {
  const last = args.at(-1);
  if (last !== '--help' && last !== '-h') return undefined;
  const path = args.slice(0, -1);
  if (path.some((a) => a.startsWith('-'))) return undefined;
  const key = path.join(' ');
  try {
    const cache = JSON.parse(fs().readFileSync(helpCacheUrl(), 'utf8')) as HelpCache;
    if (!current(cache.program)) return undefined;
    return Object.hasOwn(cache.help, key) ? cache.help[key] : undefined;
  } catch {
    return undefined; // no cache (a build without it): the parser answers
  }
}

/** Writes the text to stdout in one call; a reader that went away (`| head -1`) is a normal end. */
export function printHelp(text: string): void {
  const bytes = Buffer.from(text);
  try {
    for (let at = 0; at < bytes.length; ) at += fs().writeSync(1, bytes, at);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPIPE') throw err;
  }
}
