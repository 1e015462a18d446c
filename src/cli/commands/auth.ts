import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadProject } from '../../config/load.js';
import { UserError } from '../../errors/user-error.js';
import { findClientFile, readClientFile } from '../../gmail/client-secret.js';
import { GmailClient } from '../../gmail/gmail-client.js';
import { GmailSignInError } from '../../gmail/gmail-sign-in-error.js';
import { GMAIL_SCOPES } from '../../gmail/oauth.js';
import { signIn } from '../../gmail/sign-in.js';
import { readTokenFile, removeTokenFile, writeTokenFile } from '../../gmail/token-file.js';
import type { CommandResult, Ctx } from '../io.js';

/** Scope URLs as people read them: gmail.send, gmail.readonly. */
const short = (scopes: string[]) => scopes.map((s) => s.replace('https://www.googleapis.com/auth/', ''));

function tokenFileOf(ctx: Ctx): { file: string; email: string; gmail: ReturnType<typeof loadProject>['config']['gmail'] } {
  const { config } = loadProject(ctx.dir, ctx.io.env);
  if (!config.gmail.tokenFile) throw new UserError('no token file location', { where: 'sender.email', hint: 'set sender.email in outreach.config.json' });
  return { file: config.gmail.tokenFile, email: config.sender.email, gmail: config.gmail };
}

/** Opens the consent page in the user's browser, when there is a terminal and a way to. */
function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    spawn(cmd, [url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  } catch {
    // the printed link is enough
  }
}

/**
 * `outreach auth gmail [--client <client_secret.json>]`: signs sender.email in and saves the
 * token file (mode 0600) where CLI-CONTRACT.md says. Never prints a token.
 */
export async function authGmail(ctx: Ctx, o: { client?: string }): Promise<CommandResult> {
  const { file, email, gmail } = tokenFileOf(ctx);
  // OUTREACH_GMAIL_TOKEN names a file to use; signing in still writes the sign-in there.
  const client = readClientFile(findClientFile(o.client, ctx.dir, path.dirname(file)));
  const onTerminal = Boolean((ctx.io.stdout as { isTTY?: boolean }).isTTY && process.stdin.isTTY);
  const r = await signIn({
    client, tokenUrl: gmail.tokenUrl, apiUrl: gmail.apiUrl, email,
    announce: (url) => {
      ctx.io.stderr.write(`Sign in as ${email} in your browser${onTerminal ? ' (opening it now)' : ''}:\n\n  ${url}\n\nWaiting for Google to send you back here…\n`);
      if (onTerminal) openBrowser(url);
    },
  });
  await writeTokenFile(file, r.user);
  return {
    data: { account: r.email, tokenFile: file, scopes: short(r.scopes) },
    text: `signed in as ${r.email}; token saved to ${file} (mode 0600)\nnext: set "transport": {"kind": "gmail"} in outreach.config.json (or OUTREACH_TRANSPORT=gmail), then "outreach send"`,
  };
}

export interface AuthStatus {
  account: string;
  tokenFile: string;
  signedIn: boolean;
  refreshes: boolean;
  scopes: string[];
  problem?: string;
}

/** `outreach auth status`: which account, which scopes, and whether the token still refreshes. */
export async function authStatus(ctx: Ctx): Promise<CommandResult<AuthStatus>> {
  const { file, email, gmail } = tokenFileOf(ctx);
  const out: AuthStatus = { account: email, tokenFile: file, signedIn: false, refreshes: false, scopes: [] };
  try {
    await readTokenFile(file);
    out.signedIn = true;
    const client = new GmailClient(gmail);
    out.scopes = short((await client.refresh()).scopes);
    out.refreshes = true;
    out.account = (await client.profile()).emailAddress ?? email;
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    out.problem = err.message;
  }
  const mode = out.signedIn ? ((await stat(file)).mode & 0o777).toString(8).padStart(4, '0') : null;
  const missing = short([...GMAIL_SCOPES]).filter((s) => out.refreshes && !out.scopes.includes(s));
  const lines = [
    `account:    ${out.account}`,
    `token file: ${file}${mode ? ` (mode ${mode})` : ' (none)'}`,
    `scopes:     ${out.scopes.length ? out.scopes.join(', ') : '-'}${missing.length ? ` (missing ${missing.join(', ')}: run \`outreach auth gmail\`)` : ''}`,
    `refreshes:  ${out.refreshes ? 'yes' : `no${out.problem ? ` (${out.problem})` : ''}`}`,
  ];
  return { data: out, text: lines.join('\n'), exitCode: out.refreshes && missing.length === 0 ? 0 : 1 };
}

/** `outreach auth revoke`: revokes the refresh token at Google and deletes the token file. */
export async function authRevoke(ctx: Ctx): Promise<CommandResult> {
  const { file, gmail } = tokenFileOf(ctx);
  try {
    await readTokenFile(file);
  } catch (err) {
    if (err instanceof UserError && !(err instanceof GmailSignInError)) return { data: { revoked: false, tokenFile: file }, text: `not signed in (no token file at ${file}); nothing to revoke` };
    throw err;
  }
  const r = await new GmailClient(gmail).revoke();
  await removeTokenFile(file);
  return { data: { revoked: true, google: r, tokenFile: file }, text: `${r === 'revoked' ? 'revoked at Google' : 'Google already had no such token'}; deleted ${file}` };
}
