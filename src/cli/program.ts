import { Command, InvalidArgumentError } from 'commander';
import { printResult, processIo, type CommandResult, type Ctx, type Io } from './io.js';
import { packageVersion } from './package-root.js';
import { HELP_WIDTH } from './help-cache.js';
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
    .option('--dir <path>', 'project folder (config, profile, templates, data; default: the current folder)')
    // One width for every terminal: the help is then the same text everywhere, and
    // `npm run build` can store it for the fast path of `--help` (help-cache.ts).
    .configureHelp({ helpWidth: HELP_WIDTH })
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

  const collect = (v: string, prev: string[] = []) => [...prev, v];
  program
    .command('init [dir]')
    .description('write a project (config, profile, templates, sample contacts): asks on a terminal, each question also a flag')
    .option('--name <name>', 'your name, as you sign your emails')
    .option('--email <address>', 'the address you send from')
    .option('--school <name>', 'your medical school')
    .option('--graduation-year <year>', 'your graduation year')
    .option('--usmle <text>', 'your USMLE progress, as a sentence')
    .option('--location <text>', 'where you are, and whether you can work remotely')
    .option('--skills <text>', 'one or two lines on what you can do')
    .option('--ask <text>', 'what you ask a mentor for')
    .option('--flexibility <text>', 'remote, part-time, the time-consuming tasks')
    .option('--signature <text>', 'the line under your name (default: school, class of year)')
    .option('--topic <text>', 'your research topic, e.g. "breast MRI"')
    .option('--institution <name>', 'a target institution (repeat for more)', collect)
    .option('--transport <kind>', 'outbox, smtp or gmail (default: none written: outbox until an SMTP URL is set)')
    .option('--campaign <name>', 'the campaign init puts the first contacts in', 'first')
    .option('--yes', 'ask nothing: flags and the starter text; never searches PubMed')
    .option('--json', 'print {created, campaign}')
    .action(run(async (ctx, o, _c, [dir]) => {
      const t = (o as { transport?: string }).transport;
      const { init, checkTransport } = await import('./commands/init.js');
      checkTransport(t);
      return init(ctx, dir as string | undefined, o as never);
    }));

  program
    .command('doctor')
    .description('check every prerequisite of a send, one line each with its fix; exit 0 only when all hold')
    .option('--json', 'print {ok, checks: [{name, status, detail, fix}]}')
    .action(run(async (ctx) => (await import('./commands/doctor.js')).doctor(ctx)));

  const redisCmd = program.command('redis').description("a Redis for this project only: loopback, AOF on, noeviction, data in .redis/");
  for (const [action, description] of [
    ['start', 'start it (or say where it runs); the project\'s commands then use it'],
    ['stop', 'stop it; its data stays for the next start'],
    ['status', 'say whether it runs (exit 3 when not)'],
  ] as const)
    redisCmd
      .command(action)
      .description(description)
      .option('--json', 'print the state as JSON')
      .action(run(async (ctx) => (await import('./commands/redis.js')).redis(ctx, action)));

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
    .option('--from <file...>', 'read saved files instead of searching (efetch XML, PubMed format .nbib/.txt, PubMed CSV); several are merged')
    .option('--country <code>', 'only candidates at institutions in this country (ISO code; "any": everyone; default US)')
    .option('--lookup-emails', 'look up addresses of candidates without one in their other papers (default when searching PubMed)')
    .option('--no-lookup-emails', 'do not look up addresses')
    .option('--lookup-since <year>', 'look-up: only papers from this year on (default: ten years back)', year)
    .option('--explain', 'show how each score is made up, and why each looked-up address was taken or refused')
    .option('--json', 'print the candidates as JSON on stdout')
    .action(run<DiscoverOpts>(async (ctx, o) => (await import('./commands/discover.js')).discover(ctx, o, { importCsv })));
  discover
    .command('institutions')
    .description('rank institutions with radiology/imaging authors by recent output in a topic')
    .option('--topic <text>', 'research topic (required)')
    .option('--since <year>', 'from this year on (default: five years ago)', year)
    .option('--max <n>', 'show this many institutions', int('--max'), 25)
    .option('--max-articles <n>', 'fetch at most this many articles', int('--max-articles'), 2000)
    .option('--query <pubmed query>', 'a raw PubMed query instead of --topic')
    .option('--from <file...>', 'read saved files instead of searching; several are merged')
    .option('--country <code>', 'only institutions in this country (ISO code; "any": everyone; default US)')
    .option('--json', 'print JSON on stdout')
    .action(run(async (ctx, o) => (await import('./commands/discover.js')).discoverInstitutions(ctx, o as DiscoverOpts)));

  program
    .command('import <file>')
    .description('validate a contacts CSV and add its rows to a campaign (a corrected row updates its contact while nothing was sent to it)')
    .requiredOption('--campaign <name>', 'campaign to add the contacts to')
    .option('--delimiter <char>', 'field delimiter (default: detected from the header; "tab" for tabs)')
    .option('--encoding <name>', 'utf8 (default), utf16le or latin1, for files without a byte order mark')
    .option('--json', 'print {imported, updated, existing, skipped: [{line, field, reason}]}')
    .action(run(async (ctx, o, _c, [file]) => (await import('./commands/import.js')).importCommand(ctx, file as string, o as never)));

  program
    .command('preview')
    .description('print messages as the recipient\'s mail program shows them (decoded headers and body)')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--limit <n>', 'how many contacts to show', int('--limit'), 1)
    .option('--contact <email>', 'show this contact only')
    .option('--step <n>', 'which step: 0 = first email, 1 = first follow-up', int('--step', 0), 0)
    .option('--raw', 'print the wire format (MIME) instead of what the mail program shows')
    .option('--date <iso>', 'render as of this date, e.g. 2026-03-03T14:00:00Z (Date header, "recent" papers, the quoted first email)')
    .action(run(async (ctx, o) => (await import('./commands/preview.js')).preview(ctx, o as never)));

  program
    .command('lint')
    .description('check every message of a campaign; exit 1 with one line per problem (tells are "warning:" lines)')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--json', 'print the problems as JSON (warnings go to stderr)')
    .option('--strict', 'count warnings as problems (exit 1)')
    .option('--spam', 'also score a sample message with SpamAssassin (spamassassin on PATH)')
    .action(run(async (ctx, o) => (await import('./commands/lint.js')).lint(ctx, o as never)));

  program
    .command('send')
    .description('plan a campaign (dry run), or queue it with --send; workers then send it in paced batches')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--send', 'really queue the messages (without it: a dry run that queues nothing)')
    .option('--limit <n>', 'queue at most n contacts', int('--limit'))
    .option('--no-pacing', 'send as fast as the workers can: only to the outbox, or an SMTP server or Gmail API on loopback')
    .option('--strict', 'queue nothing when any contact has a lint problem, or when lint warns (default: queue the clean ones, list the rest)')
    .option('--allow-repeat', 'also write to people who had a first email from this sender in another campaign')
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
    .option('--rebuild', 'recompute the counters from the ledger first (data from before them, or after a bug)')
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

  // Views of the campaign's counters (status/snapshot-loader.ts): the live dashboard and the report.
  program
    .command('dashboard')
    .description('live view of a campaign: funnel, reply rates, variants, next sends, queue, latest events; q quits')
    .option('--campaign <name>', 'start on this campaign (default: the first; tab switches)')
    .option('--refresh <seconds>', 'seconds between refreshes', (v: string) => {
      const n = Number(v);
      if (!(n >= 0.2 && n <= 60)) throw new InvalidArgumentError('--refresh must be between 0.2 and 60 seconds');
      return n;
    })
    .option('--json', 'print the snapshot as JSON (with each contact\'s variant) and exit')
    .action(run(async (ctx, o) => (await import('./commands/dashboard.js')).dashboard(ctx, o as never)));

  program
    .command('report')
    .description('one row per contact: sent at, step reached, outcome, reply date and hint, variant, bounce reason')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--format <format>', 'csv, json or md', (v: string) => {
      if (!['csv', 'json', 'md'].includes(v)) throw new InvalidArgumentError('--format must be csv, json or md');
      return v;
    }, 'csv')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(run(async (ctx, o) => (await import('./commands/report.js')).report(ctx, o as never)));

  // Correcting mistakes: the contacts of a campaign, retry, cancel, pause and resume.
  const contacts = program.command('contacts').description('the contacts of a campaign and their state');
  const contactsCmd = (name: 'list' | 'show' | 'remove', description: string) =>
    contacts
      .command(name)
      .description(description)
      .requiredOption('--campaign <name>', 'campaign')
      .option('--contact <email>', name === 'list' ? 'only this contact' : 'the contact (required)')
      .option('--json', 'print JSON')
      .action(run(async (ctx, o) => (await import('./commands/contacts.js')).contacts(ctx, name, o as never)));
  contactsCmd('list', 'each contact with its state (not queued, queued, sent, failed, cancelled, replied, ...)');
  contactsCmd('show', 'one contact: its row, where it came from, and each step');
  contactsCmd('remove', 'take a contact nothing was sent to out of the campaign (its queued sends go too)');

  program
    .command('retry')
    .description('queue failed sends again, with the options they were queued with (--no-pacing included)')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--contact <email>', 'only this contact; also brings back its sends cancelled with "outreach cancel"')
    .option('--json', 'print {requeued, stillFailing}')
    .action(run(async (ctx, o) => (await import('./commands/retry.js')).retry(ctx, o as never)));

  program
    .command('cancel')
    .description('cancel queued and delayed sends; none of them goes once this has answered')
    .requiredOption('--campaign <name>', 'campaign')
    .option('--contact <email>', 'only this contact')
    .option('--step <n>', 'only this step: 0 = first email, 1 = first follow-up', int('--step', 0))
    .option('--json', 'print {cancelled, blocked, inFlight}')
    .action(run(async (ctx, o) => (await import('./commands/cancel.js')).cancel(ctx, o as never)));

  for (const [name, description] of [['pause', 'hold a campaign\'s sends until "outreach resume"'], ['resume', 'release a paused campaign']] as const)
    program
      .command(name)
      .description(description)
      .requiredOption('--campaign <name>', 'campaign')
      .option('--json', 'print JSON')
      .action(run(async (ctx, o) => (await import('./commands/pause.js')).pause(ctx, name, o as never)));

  // ---- Gmail sign-in  ----
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
    .command('list')
    .description('inbound messages matched to sends: contact, kind, hint and the reason for it')
    .option('--campaign <name>', 'one campaign (default: all)')
    .option('--kind <kind>', 'only reply, auto_reply, bounce or other')
    .option('--json', 'print [{id, campaign, contactId, email, step, kind, hint, reason, at, ...}]')
    .action(run(async (ctx, o) => (await import('./commands/replies.js')).repliesList(ctx, o as never)));
  replies
    .command('mark')
    .description('correct the kind of one inbound message and redo its effects (status, do-not-contact list, follow-ups)')
    .argument('<id|email>', 'the message id from "replies list", or the contact\'s address (their latest message)')
    .requiredOption('--as <kind>', 'reply, auto_reply, bounce or other')
    .option('--hint <hint>', 'for a reply: positive, negative, referral, opt_out or neutral')
    .option('--campaign <name>', 'look in this campaign only')
    .option('--json', 'print the recorded correction')
    .action(run(async (ctx, o, _c, [target]) => (await import('./commands/replies.js')).repliesMark(ctx, target as string, o as never)));
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

  program
    .command('forget <email>')
    .description('remove a person from every campaign (contact, sends, replies, queued jobs, outbox copies); keep only a salted hash so they are never written to again')
    .option('--json', 'print what was removed as JSON')
    .action(run(async (ctx, _o, _c, [email]) => (await import('./commands/forget.js')).forget(ctx, email as string)));

  return program;
}

/** Parses and runs one command line (without the node and script arguments). Errors propagate. */
export async function runCli(args: string[], opts: ProgramOptions = {}): Promise<void> {
  await buildProgram(opts).parseAsync(args, { from: 'user' });
}
