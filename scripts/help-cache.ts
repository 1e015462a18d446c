// Part of `npm run build`: stores the `--help` text of the program and of every command in
// dist/src/cli/help-cache.json, for the fast path of src/cli/help-cache.ts. The texts are
// what the parser itself prints (captured here), stamped with the program.js they came from.
import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { helpCacheUrl, programStamp, type HelpCache } from '../src/cli/help-cache.js';
import { buildProgram } from '../src/cli/program.js';

/** What the parser prints for `outreach <path...> --help`. */
async function helpOf(path: string[]): Promise<string> {
  let out = '';
  const stdout = new Writable({ write(chunk, _enc, done) { out += String(chunk); done(); } });
  const stderr = new Writable({ write(_chunk, _enc, done) { done(); } });
  try {
    await buildProgram({ io: { stdout, stderr, env: {} } }).parseAsync([...path, '--help'], { from: 'user' });
  } catch (err) {
    if ((err as { code?: string }).code !== 'commander.helpDisplayed') throw err;
  }
  return out;
}

function paths(cmd: Command, prefix: string[] = []): string[][] {
  return cmd.commands.flatMap((c) => [[...prefix, c.name()], ...paths(c, [...prefix, c.name()])]);
}

const help: Record<string, string> = {};
for (const p of [[], ...paths(buildProgram())]) help[p.join(' ')] = await helpOf(p);
const cache: HelpCache = { program: programStamp(), help };
writeFileSync(helpCacheUrl(), `${JSON.stringify(cache)}\n`);
process.stdout.write(`help-cache: ${Object.keys(help).length} help texts -> ${helpCacheUrl().pathname}\n`);
