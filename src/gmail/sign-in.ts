import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserError } from '../errors/user-error.js';
import type { OAuthClientFile } from './client-secret.js';
import { GmailClient } from './gmail-client.js';
import { GMAIL_SCOPES, oauthClient } from './oauth.js';
import type { AuthorizedUser } from './token-file.js';

export interface SignInOptions {
  client: OAuthClientFile;
  tokenUrl: string;
  apiUrl: string;
  /** sender.email: the account that must sign in. */
  email: string;
  /** Shows the consent URL (and may open a browser). */
  announce(url: string): void;
  timeoutMs?: number;
}

export interface SignedIn {
  user: AuthorizedUser;
  email: string;
  scopes: string[];
}

const PAGE = (text: string) => `<!doctype html><meta charset="utf-8"><title>outreach</title><p>${text}</p>`;

/** Waits for Google's redirect to http://127.0.0.1:<port>/ with ?code&state (or ?error). */
function waitForRedirect(server: Server, state: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new UserError(`no answer from the browser within ${Math.round(timeoutMs / 60_000)} minutes`, { where: 'auth gmail', hint: 'open the link above in a browser on this machine, then run "outreach auth gmail" again' })), timeoutMs);
    timer.unref();
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const code = url.searchParams.get('code');
      const error = url.searchParams.get('error');
      if (!code && !error) {
        res.writeHead(404).end();
        return;
      }
      if (url.searchParams.get('state') !== state) {
        res.writeHead(400, { 'content-type': 'text/html' }).end(PAGE('This sign-in link is not the current one. Run "outreach auth gmail" again.'));
        return;
      }
      clearTimeout(timer);
      if (error) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE('Sign-in cancelled. You can close this tab.'));
        reject(new UserError(`Google answered "${error}"`, { where: 'auth gmail', hint: error === 'access_denied' ? 'allow both permissions on the consent screen; is this account a test user of the app? (README, "Sending through Gmail")' : 'run "outreach auth gmail" again' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE('Signed in. You can close this tab and go back to the terminal.'));
      resolve(code!);
    });
  });
}

/**
 * OAuth 2.0 for installed apps (RFC 8252): a redirect to a loopback port this process
 * listens on, and PKCE with S256 (RFC 7636), through google-auth-library. The tokens never
 * leave this function except as the returned AuthorizedUser, which the caller saves (0600).
 */
export async function signIn(o: SignInOptions): Promise<SignedIn> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  try {
    const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const auth = await oauthClient({ clientId: o.client.clientId, clientSecret: o.client.clientSecret, tokenUrl: o.tokenUrl, redirectUri });
    const { codeVerifier, codeChallenge } = await auth.generateCodeVerifierAsync();
    const state = randomBytes(16).toString('hex');
    const url = auth.generateAuthUrl({
      access_type: 'offline', // a refresh token, so the worker keeps sending without a browser
      prompt: 'consent', // Google returns a refresh token only on consent
      scope: [...GMAIL_SCOPES],
      code_challenge_method: 'S256' as never,
      code_challenge: codeChallenge,
      state,
      login_hint: o.email,
    });
    const redirected = waitForRedirect(server, state, o.timeoutMs ?? 5 * 60_000);
    o.announce(url);
    const code = await redirected;
    let tokens;
    try {
      ({ tokens } = await auth.getToken({ code, codeVerifier, redirect_uri: redirectUri }));
    } catch (err) {
      const data = (err as { response?: { data?: { error?: string; error_description?: string } } }).response?.data;
      throw new UserError(`the token exchange failed (${data?.error ?? 'no answer'}${data?.error_description ? `: ${data.error_description}` : ''})`, { where: o.tokenUrl, hint: 'run "outreach auth gmail" again' });
    }
    if (!tokens.refresh_token)
      throw new UserError('Google sent no refresh token', { where: 'auth gmail', hint: 'remove the app at https://myaccount.google.com/permissions, then run "outreach auth gmail" again' });
    const scopes = (tokens.scope ?? '').split(/\s+/).filter(Boolean);
    const missing = GMAIL_SCOPES.filter((s) => !scopes.includes(s));
    if (missing.length > 0)
      throw new UserError(`permission not granted: ${missing.map((s) => s.split('/').pop()).join(', ')}`, { where: 'auth gmail', hint: 'tick both boxes on the consent screen; the README says what each is for' });
    auth.setCredentials(tokens);
    const profile = await new GmailClient({ apiUrl: o.apiUrl, tokenUrl: o.tokenUrl, tokenFile: undefined }, auth).profile();
    const email = profile.emailAddress ?? '';
    if (email.toLowerCase() !== o.email.toLowerCase())
      throw new UserError(`signed in as ${email || 'an unknown account'}, but sender.email is ${o.email}`, { where: 'auth gmail', hint: 'choose the sender\'s account in the browser, or change sender.email' });
    return { user: { type: 'authorized_user', client_id: o.client.clientId, client_secret: o.client.clientSecret, refresh_token: tokens.refresh_token }, email, scopes };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
