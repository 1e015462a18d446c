import { Command, InvalidArgumentError } from 'commander';
import { printResult, processIo, type CommandResult, type Ctx, type Io } from './io.js';
import { packageVersion } from './package-root.js';
import type { DiscoverHooks, DiscoverOpts } from './commands/discover.js';

/**
 * Declares every command and its options, in data-flow order; a command's module is
 * imported only when that command runs, so `--help` loads none of them (changesets'
 * shape, ARCHITECTURE.md "cli"). Each module returns a CommandResult, printed here.
 * Nothing in this file may import a module that opens a connection or pulls in a large
 * library: it is on the path of every `outreach` invocation.
 */

const int = (name: string, min = 1) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}`);
  return n;
};

const year = (v: string): number => {
  if (!/^(19|20)\d\d$/.test(v)) throw new InvalidArgumentError('expected a four-digit year, e.g. 2020');
  return Number(v);
};

/** The global --dir option, from any subcommand. */
function projectDir(cmd: Command): string {
  let c: Command | null = cmd;
  while (c?.parent) c = c.parent;
  return (c?.opts().dir as string | undefined) ?? process.cwd();
}

/**
 * The subcommand's options, also when its parent took them: unless the program enables
 * positional options, commander gives `--topic` after `institutions` to `discover`.
 */
function typedOn<T>(cmd: Command): T {
  const parent = cmd.parent;
  const out: Record<string, unknown> = { ...cmd.opts() };
  for (const [k, v] of Object.entries(parent?.opts() ?? {})) {
    if (parent?.getOptionValueSource(k) === 'cli' && cmd.getOptionValueSource(k) !== 'cli' && cmd.options.some((x) => x.attributeName() === k)) out[k] = v;
  }
  return out as T;
}

export interface ProgramOptions {
  io?: Io;
  /** Tests replace what discover --campaign does with its CSV. */
  discover?: DiscoverHooks;
}

/** Builds the `outreach` command tree. */
export function buildProgram(opts: ProgramOptions = {}): Command {
  const io = opts.io ?? processIo();
  const program = new Command('outreach')
    .description('Find U.S. radiology research mentors and write to them in paced, tailored batches.')
    .version(packageVersion(), '-V, --version')
    .option('--dir <path>', 'project folder (config, profile, templates, data)', process.cwd())
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride();

  /** Wraps a command: its context, its lazily imported module's run, and the printing. */
  const run = <O extends { json?: boolean }>(fn: (ctx: Ctx, o: O, cmd: Command, args: unknown[]) => Promise<CommandResult>) =>
    async (...args: unknown[]) => {
      const cmd = args[args.length - 1] as Command;
      const o = typedOn<O>(cmd);
      const result = await fn({ dir: projectDir(cmd), io }, o, cmd, args.slice(0, -2));
      printResult(io, result, o.json);
    };

  program
    .command('init [dir]')
    .description('write a starter project: config, profile, templates and a sample contacts CSV')
    .action(run(async (ctx, _o, _c, [dir]) => (await import('./commands/init.js')).init(ctx, dir as string | undefined)));

  const importCsv = opts.discover?.importCsv ?? (async (csv: string, campaign: string) => {
    const { importCommand } = await import('./commands/import.js');
    const r = await importCommand({ dir: projectDir(program), io }, csv, { campaign });
    const d = r.data;
    io.stderr.write(`imported ${d.imported} contact(s) into "${campaign}" (${d.existing} already there, ${d.skipped.length - d.existing} skipped)\n`);
    return d;
  });
  const discover = program
    .command('discover')
    .description('find radiology research mentors on PubMed (or in a saved file) and write a contacts CSV')
    // Options after `institutions` belong to it (both commands have --topic, --since, ...).
    .enablePositionalOptions()
    .option('--institution <name>', 'institution to search in [Affiliation] (optional with --from)')
    .option('--topic <text>', 'research topic, e.g. "breast MRI"')
    .option('--since <year>', 'only papers published from this year on', year)
    .option('--max <n>', 'at most this many candidates in the CSV', int('--max'), 100)
    .option('--max-articles <n>', 'fetch at most this many articles', int('--max-articles'), 2000)
    .option('--out <file.csv>', 'write the CSV here (default: stdout, or data/ with --campaign)')
    .option('--campaign <name>', 'import the CSV into this campaign straight away')
    .option('--query <pubmed query>', 'a raw PubMed query instead of --institution/--topic')
    .option('--from <file>', 'read efetch XML, PubMed format (.nbib/.txt) or PubMed CSV instead of searching')
    .option('--explain', 'show how each score is made up')
    .option('--json', 'print the candidates as JSON on stdout')
    .action(run<DiscoverOpts>(async (ctx, o) => (await import('./commands/discover.js')).discover(ctx, o, { importCsv })));
  discover
    .command('institutions')
    .description('rank radiology/imaging departments by recent output in a topic')
    .option('--topic <text>', 'research topic (required)')
    .option('--since <year>', 'from this year on (default: five years ago)', year)
    .option('--max <n>', 'show this many departments', int('--max'), 25)
    .option('--max-articles <n>', 'fetch at most this many articles', int('--max-articles'), 2000)
    .option('--query <pubmed query>', 'a raw PubMed query instead of --topic')
    .option('--from <file>', 'read a saved file instead of searching')
    .option('--json', 'print JSON on stdout')
    .action(run(async (ctx, o) => (await import('./commands/discover.js')).discoverInstitutions(ctx, o as DiscoverOpts)));

  program
    .command('import <file>')
    .description('validate a contacts CSV and add its rows to a campaign (re-importing changes nothing)')
    .requiredOption('--campaign <name>', 'campaign to add the contacts to')
    .option('--delimiter <char>', 'field delimiter (default: detected from the header; "tab" for tabs)')
    .option('--encoding <name>', 'utf8 (default), utf16le or latin1, for files without a byte order mark')
    .option('--json', 'print {imported, existing, skipped: [{line, field, reason}]}')
    .action(run(async (ctx, o, _c, [file]) => (await import('./commands/import.js')).importCommand(ctx, file as string, o as never)));

  program
    .command('preview')
    .description('print messages exactly as they would be sent (headers and body)')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--limit <n>', 'how many contacts to show', int('--limit'), 1)
    .option('--contact <email>', 'show this contact only')
    .option('--step <n>', 'which step: 0 = first email, 1 = first follow-up', int('--step', 0), 0)
    .action(run(async (ctx, o) => (await import('./commands/preview.js')).preview(ctx, o as never)));

  program
    .command('lint')
    .description('check every message of a campaign; exit 1 with one line per problem')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--json', 'print the problems as JSON')
    .action(run(async (ctx, o) => (await import('./commands/lint.js')).lint(ctx, o as never)));

  program
    .command('send')
    .description('plan a campaign (dry run), or queue it with --send; workers then send it in paced batches')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--send', 'really queue the messages (without it: a dry run that queues nothing)')
    .option('--limit <n>', 'queue at most n contacts', int('--limit'))
    .option('--no-pacing', 'send as fast as the workers can: only to the outbox, or an SMTP server or Gmail API on loopback')
    .option('--json', 'print the plan as JSON')
    .action(run(async (ctx, o) => (await import('./commands/send.js')).send(ctx, o as never)));

  program
    .command('worker')
    .description('run the send worker (and the reply poller when a mailbox is configured) until stopped with Ctrl-C')
    .option('--drain', 'exit once nothing is due now (for scripts and cron)')
    .action(run(async (ctx, o) => (await import('./commands/worker.js')).worker(ctx, o as never)));

  program
    .command('status')
    .description('counts per campaign: contacts, sends, replies, bounces, pacing')
    .option('--campaign <name>', 'one campaign (default: all)')
    .option('--json', 'print an object (with --campaign) or an array of them')
    .action(run(async (ctx, o) => (await import('./commands/status.js')).status(ctx, o as never)));

  program
    .command('resolve')
    .description('decide "uncertain" sends: --check (Gmail) looks each up in Sent; or --resend them, or --mark-sent')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--check', 'Gmail: look each one up in Sent; found → marked sent, absent → sent again')
    .option('--resend', 'queue them again')
    .option('--mark-sent', 'record them as sent')
    .option('--contact <email>', 'only this contact')
    .option('--json', 'print {resent, markedSent} (with --check also {checked: [{contact, step, found, decision}]})')
    .action(run(async (ctx, o) => (await import('./commands/resolve.js')).resolve(ctx, o as never)));

  // ---- Gmail sign-in (CLI-CONTRACT.md, "Gmail") ----
  const auth = program.command('auth').description('sign in to Gmail (OAuth 2.0, loopback redirect, PKCE); the token file is mode 0600');
  auth
    .command('gmail')
    .description('sign sender.email in to Gmail in the browser and save the token file')
    .option('--client <client_secret.json>', 'the OAuth client file of your "Desktop app" (default: client_secret*.json in the project folder)')
    .option('--json', 'print {account, tokenFile, scopes}')
    .action(run(async (ctx, o) => (await import('./commands/auth.js')).authGmail(ctx, o as never)));
  auth
    .command('status')
    .description('which account, which scopes, and whether the token still refreshes (exit 1 if not)')
    .option('--json', 'print {account, tokenFile, signedIn, refreshes, scopes}')
    .action(run(async (ctx) => (await import('./commands/auth.js')).authStatus(ctx)));
  auth
    .command('revoke')
    .description('revoke the Gmail token at Google and delete the token file')
    .option('--json', 'print {revoked, tokenFile}')
    .action(run(async (ctx) => (await import('./commands/auth.js')).authRevoke(ctx)));

  const replies = program.command('replies').description('reply tracking: read the mailbox, classify what came back');
  replies
    .command('sync')
    .description('one pass over the mailbox (IMAP_URL, or Gmail with the Gmail transport): match replies, auto-replies and bounces, stop follow-ups')
    .option('--json', 'print {fetched, matched, replies, autoReplies, bounces, optOuts, unmatched, ...}')
    .action(run(async (ctx, o) => (await import('./commands/replies.js')).repliesSync(ctx, o)));
  replies
    .command('classify')
    .description('classify saved messages as reply, auto_reply, bounce or other (no mailbox, no Redis)')
    .argument('<file...>', 'RFC 822 messages (.eml) or reply bodies (.txt/.html without headers)')
    .option('--json', 'print [{file, kind, ...}] as JSON')
    .action(run(async (_ctx, _o, _c, [files]) => (await import('./commands/replies-classify.js')).repliesClassify(files as string[])));

  const suppress = program.command('suppress').description('the global do-not-contact list (opt-outs and hard bounces land here too)');
  const suppressCmd = (name: 'add' | 'remove', description: string, json: string) =>
    suppress
      .command(name)
      .description(description)
      .argument('<email...>', 'addresses, separated by spaces')
      .option('--json', json)
      .action(run(async (ctx, _o, _c, [emails]) => (await import('./commands/suppress.js')).suppress(ctx, name, emails as string[])));
  suppressCmd('add', 'never write to these addresses again, in any campaign', 'print {added, already}');
  suppressCmd('remove', 'take addresses off the list (they may be written to again)', 'print {removed, absent}');
  suppress
    .command('list')
    .description('print the list, one address a line')
    .option('--json', 'print an array of addresses')
    .action(run(async (ctx) => (await import('./commands/suppress.js')).suppress(ctx, 'list', [])));

  return program;
}

/** Parses and runs one command line (without the node and script arguments). Errors propagate. */
export async function runCli(args: string[], opts: ProgramOptions = {}): Promise<void> {
  await buildProgram(opts).parseAsync(args, { from: 'user' });
}
