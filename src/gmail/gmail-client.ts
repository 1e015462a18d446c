import type { gmail_v1 } from '@googleapis/gmail';
import type { OAuth2Client } from 'google-auth-library';
import type { GmailConfig } from '../config/schema.js';
import { googleFailure, type GoogleFailure } from './google-error.js';
import { GmailSignInError } from './gmail-sign-in-error.js';
import { oauthClient } from './oauth.js';
import { readTokenFile } from './token-file.js';

/** A Google call that failed, with what Google said (never the request, which holds the token). */
export class GoogleCallError extends Error {
  constructor(readonly what: string, readonly failure: GoogleFailure) {
    super(`Gmail ${what}: ${failure.status ? `${failure.status} ` : ''}${failure.message}`);
    this.name = 'GoogleCallError';
  }
}

export type GmailSettings = Pick<GmailConfig, 'apiUrl' | 'tokenUrl' | 'tokenFile'>;

/**
 * The Gmail API for one signed-in account, through the real `@googleapis/gmail` client
 * (`rootUrl` from GMAIL_API_URL) and google-auth-library (token endpoint from
 * GOOGLE_OAUTH_TOKEN_URL). Nothing is read or connected until the first call.
 *
 * Every call goes through `call()`: a 401 gets one forced token refresh and one retry (the
 * access token may have been revoked or expired early; Gmail never acted on a 401), a
 * refresh that Google refuses with `invalid_grant` becomes GmailSignInError, and any other
 * failure a GoogleCallError with Google's status, reason and Retry-After.
 */
export class GmailClient {
  private api?: Promise<{ api: gmail_v1.Gmail; auth: OAuth2Client }>;
  /** Refreshes done (the first access token included), for `auth status` and the tests. */
  refreshes = 0;

  /** `auth`: an already signed-in client (right after `outreach auth gmail`); otherwise the token file is read. */
  constructor(private readonly settings: GmailSettings, auth?: OAuth2Client) {
    if (auth) this.api = import('@googleapis/gmail').then(({ gmail }) => ({ api: gmail({ version: 'v1', auth, rootUrl: settings.apiUrl }), auth }));
  }

  get tokenFile(): string {
    return this.settings.tokenFile ?? '(no token file)';
  }

  private ready(): Promise<{ api: gmail_v1.Gmail; auth: OAuth2Client }> {
    return (this.api ??= (async () => {
      const user = await readTokenFile(this.settings.tokenFile);
      const auth = await oauthClient({ clientId: user.client_id, clientSecret: user.client_secret, tokenUrl: this.settings.tokenUrl });
      auth.setCredentials({ refresh_token: user.refresh_token });
      auth.on('tokens', () => void this.refreshes++);
      const { gmail } = await import('@googleapis/gmail');
      return { api: gmail({ version: 'v1', auth, rootUrl: this.settings.apiUrl }), auth };
    })().catch((err) => {
      this.api = undefined;
      throw err;
    }));
  }

  /** Runs one API call with the 401 rule above; `what` names it in errors. */
  async call<T>(what: string, fn: (api: gmail_v1.Gmail) => Promise<{ data: T }>): Promise<T> {
    const { api, auth } = await this.ready();
    try {
      return (await fn(api)).data;
    } catch (err) {
      const f = this.failure(err);
      if (f.status !== 401 || f.tokenEndpoint) throw this.wrap(what, f);
      // Drop the access token: the next request must refresh (one forced refresh, one retry).
      auth.setCredentials({ refresh_token: auth.credentials.refresh_token });
      try {
        return (await fn(api)).data;
      } catch (again) {
        throw this.wrap(what, this.failure(again));
      }
    }
  }

  /** A fresh access token now, and the scopes Google says it carries (`auth status`). */
  async refresh(): Promise<{ scopes: string[] }> {
    const { auth } = await this.ready();
    try {
      const { credentials } = await auth.refreshAccessToken();
      return { scopes: (credentials.scope ?? '').split(/\s+/).filter(Boolean) };
    } catch (err) {
      throw this.wrap('token refresh', this.failure(err));
    }
  }

  /** Revokes the refresh token at Google (every access token made from it stops working too). */
  async revoke(): Promise<'revoked' | 'already void'> {
    const { auth } = await this.ready();
    try {
      await auth.revokeToken(auth.credentials.refresh_token ?? '');
      return 'revoked';
    } catch (err) {
      const f = this.failure(err);
      if (f.status === 400) return 'already void';
      throw new GoogleCallError('token revoke', { ...f, message: f.network ? f.message : `HTTP ${f.status}` });
    }
  }

  private failure(err: unknown): GoogleFailure {
    return googleFailure(err, this.settings.tokenUrl);
  }

  private wrap(what: string, f: GoogleFailure): Error {
    if (f.reason === 'invalid_grant') return new GmailSignInError(this.tokenFile, f.message.replace(/^invalid_grant:\s*/, '').replace(/\.$/, ''));
    return new GoogleCallError(what, f);
  }

  // ---- the calls this tool makes (users.* of the discovery document) ----

  send(raw: Buffer, threadId?: string): Promise<gmail_v1.Schema$Message> {
    // requestBody.raw, not the media upload: that path ignores rootUrl and goes to Google.
    const requestBody = { raw: raw.toString('base64url'), ...(threadId ? { threadId } : {}) };
    return this.call('users.messages.send', (g) => g.users.messages.send({ userId: 'me', requestBody }, { retry: false }));
  }

  /** The named headers of a stored message, as Gmail lists them (in order, repeats kept). */
  private async metadata(id: string, names: string[]): Promise<gmail_v1.Schema$MessagePartHeader[]> {
    const m = await this.call('users.messages.get', (g) => g.users.messages.get({ userId: 'me', id, format: 'metadata', metadataHeaders: names }));
    return m.payload?.headers ?? [];
  }

  /** One header of a stored message (e.g. the Message-ID Gmail kept), case-insensitively; the first if repeated. */
  async header(id: string, name: string): Promise<string | undefined> {
    return (await this.metadata(id, [name])).find((h) => h.name?.toLowerCase() === name.toLowerCase())?.value ?? undefined;
  }

  /** The named headers, keyed in lower case; a repeated header keeps its last value. */
  async headers(id: string, names: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const h of await this.metadata(id, names)) if (h.name && h.value !== undefined && h.value !== null) out[h.name.toLowerCase()] = h.value;
    return out;
  }

  async raw(id: string): Promise<{ source: Buffer; labelIds: string[]; threadId?: string }> {
    const m = await this.call('users.messages.get', (g) => g.users.messages.get({ userId: 'me', id, format: 'raw' }));
    return { source: Buffer.from(m.raw ?? '', 'base64url'), labelIds: m.labelIds ?? [], threadId: m.threadId ?? undefined };
  }

  profile(): Promise<gmail_v1.Schema$Profile> {
    return this.call('users.getProfile', (g) => g.users.getProfile({ userId: 'me' }));
  }

  history(startHistoryId: string, pageToken?: string): Promise<gmail_v1.Schema$ListHistoryResponse> {
    return this.call('users.history.list', (g) => g.users.history.list({ userId: 'me', startHistoryId, historyTypes: ['messageAdded'], ...(pageToken ? { pageToken } : {}) }));
  }

  /** Every message id matching a Gmail search, all pages. */
  async search(q: string): Promise<{ id: string; threadId?: string }[]> {
    const out: { id: string; threadId?: string }[] = [];
    let pageToken: string | undefined;
    do {
      const r = await this.call('users.messages.list', (g) => g.users.messages.list({ userId: 'me', q, ...(pageToken ? { pageToken } : {}) }));
      for (const m of r.messages ?? []) if (m.id) out.push({ id: m.id, threadId: m.threadId ?? undefined });
      pageToken = r.nextPageToken ?? undefined;
    } while (pageToken);
    return out;
  }

  thread(id: string): Promise<gmail_v1.Schema$Thread> {
    return this.call('users.threads.get', (g) => g.users.threads.get({ userId: 'me', id, format: 'minimal' }));
  }
}
