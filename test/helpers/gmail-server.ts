import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';

/**
 * A strict stand-in for Google on loopback: the OAuth 2.0 token and revoke endpoints, and
 * the Gmail API methods this tool calls, routed and shaped by the discovery document
 * (test/fixtures/gmail/gmail.v1.subset.json, see its PROVENANCE.md). Strict, so that a
 * client mistake fails a test instead of passing against a lenient fake:
 * - only bearer tokens it issued (and has not invalidated) are accepted, and each must carry
 *   one of the method's scopes; refresh tokens are checked against their client;
 * - the authorization-code exchange checks PKCE (S256 of the verifier = the challenge);
 * - a query parameter the method does not declare is refused, and every answer is checked
 *   against its schema (an unknown property fails the request and is listed in `problems`);
 * - a sent or delivered message joins an existing thread only when Gmail would put it there:
 *   the threadId (for a send), References/In-Reply-To naming a message of that thread, and
 *   the same subject once "Re:" is stripped; otherwise it starts a thread of its own;
 * - history.list answers 404 for a historyId older than the oldest it keeps.
 * Errors use Google's JSON error format.
 */

const DISCOVERY = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/gmail/gmail.v1.subset.json'), 'utf8')) as {
  methods: Record<string, { httpMethod: string; path: string; parameters: Record<string, { location: string; required?: boolean }>; scopes: string[]; response?: { $ref: string } }>;
  schemas: Record<string, { properties: Record<string, { $ref?: string; type?: string; items?: { $ref?: string } }> }>;
};

/** The discovery document's global parameters (any method may carry them). */
const GLOBAL_PARAMS = new Set(['$.xgafv', 'access_token', 'alt', 'callback', 'fields', 'key', 'oauth_token', 'prettyPrint', 'quotaUser', 'uploadType', 'upload_protocol']);

export const SCOPE_SEND = 'https://www.googleapis.com/auth/gmail.send';
export const SCOPE_READ = 'https://www.googleapis.com/auth/gmail.readonly';

interface Stored {
  id: string;
  threadId: string;
  labelIds: string[];
  raw: Buffer;
  historyId: number;
  internalDate: number;
  headers: [string, string][];
  messageId: string;
  refs: string[];
  subject: string;
}

interface HistoryRecord { id: number; message: Stored }

export interface Failure {
  status: number;
  reason: string;
  message?: string;
  retryAfter?: string;
}

type Route = { id: string; re: RegExp; names: string[] };

/** Google's JSON error format, as the Gmail API and every Google REST API answer it. */
function googleError(status: number, reason: string, message: string): string {
  const statuses: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE' };
  return JSON.stringify({ error: { code: status, message, errors: [{ message, domain: status === 429 || reason.includes('RateLimit') ? 'usageLimits' : 'global', reason }], status: statuses[status] ?? 'UNKNOWN' } });
}

const normSubject = (s: string) => s.replace(/^\s*((re|fwd?|aw):\s*)+/i, '').trim().toLowerCase();
const ids = (v: string | undefined) => (v?.match(/<[^<>\s]+>/g) ?? []);

export class GmailServer {
  readonly account: string;
  url = '';
  /** Token endpoint URL (GOOGLE_OAUTH_TOKEN_URL). */
  tokenUrl = '';
  private server!: Server;
  private readonly routes: Route[];
  readonly clients = new Map<string, string>();
  private readonly refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();
  private readonly accessTokens = new Map<string, { scopes: string[] }>();
  private readonly codes = new Map<string, { challenge: string; scopes: string[]; redirectUri?: string }>();
  readonly messages = new Map<string, Stored>();
  private readonly threads = new Map<string, string[]>();
  private readonly history: HistoryRecord[] = [];
  private historyId = 1000;
  private oldestHistoryId = 0;
  private seq = 0;
  private readonly failures = new Map<string, Failure[]>();
  private readonly drops: ('before-store' | 'after-store')[] = [];
  /** Every request: the method id (or "token"/"revoke"), its status and the bearer's first characters never. */
  readonly log: { method: string; status: number; grant?: string }[] = [];
  /** Answers that did not match their schema (should stay empty). */
  readonly problems: string[] = [];
  /** Everything a client wrote to us, to check that no token ever shows up where it should not. */
  readonly issuedSecrets: string[] = [];

  constructor(opts: { account: string; rewriteMessageIds?: boolean; historyPageSize?: number }) {
    this.account = opts.account;
    this.rewriteMessageIds = opts.rewriteMessageIds ?? false;
    this.historyPageSize = opts.historyPageSize ?? 100;
    this.routes = Object.entries(DISCOVERY.methods).map(([id, m]) => {
      const names: string[] = [];
      const re = new RegExp(`^/${m.path.replace(/\{(\w+)\}/g, (_x, n: string) => (names.push(n), '([^/]+)'))}$`);
      return { id, re, names };
    });
  }

  private readonly rewriteMessageIds: boolean;
  private readonly historyPageSize: number;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((err) => {
      this.problems.push(`handler: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(googleError(500, 'backendError', 'Backend Error'));
    }));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    this.tokenUrl = `${this.url}token`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- what a test sets up ----

  /** A Desktop-app OAuth client the user created. */
  addClient(): { clientId: string; clientSecret: string } {
    const clientId = `${randomBytes(6).toString('hex')}.apps.googleusercontent.com`;
    const clientSecret = `GOCSPX-${randomBytes(12).toString('hex')}`;
    this.clients.set(clientId, clientSecret);
    this.issuedSecrets.push(clientSecret);
    return { clientId, clientSecret };
  }

  /** A refresh token as if the user had signed in (the authorized_user file's content). */
  signedIn(scopes = [SCOPE_SEND, SCOPE_READ]): { type: 'authorized_user'; client_id: string; client_secret: string; refresh_token: string } {
    const { clientId, clientSecret } = this.addClient();
    const refresh = `1//${randomBytes(16).toString('hex')}`;
    this.refreshTokens.set(refresh, { clientId, scopes });
    this.issuedSecrets.push(refresh);
    return { type: 'authorized_user', client_id: clientId, client_secret: clientSecret, refresh_token: refresh };
  }

  /** What Google does after the user consents in the browser: a code bound to the PKCE challenge. */
  consent(challenge: string, redirectUri: string, scopes = [SCOPE_SEND, SCOPE_READ]): string {
    const code = `4/${randomBytes(12).toString('hex')}`;
    this.codes.set(code, { challenge, scopes, redirectUri });
    return code;
  }

  /** Every access token stops working (expired early, or revoked); refresh tokens still work. */
  invalidateAccessTokens(): void {
    this.accessTokens.clear();
  }

  /** The user revoked the app, or a testing-mode token reached its 7 days: refreshes get invalid_grant. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
    this.accessTokens.clear();
  }

  /** The next `count` calls of a method (e.g. "users.messages.send") fail like this. */
  fail(method: string, failure: Failure, count = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array<Failure>(count).fill(failure)]);
  }

  /** The next sends' connections break after the request was read: stored (sent) or not, one per send, in order. */
  dropSends(...when: ('before-store' | 'after-store')[]): void {
    this.drops.push(...when);
  }

  /** Google forgets history before now: a stored historyId gets 404. */
  expireHistory(): void {
    this.oldestHistoryId = this.historyId + 1;
  }

  /** Mail arriving in the mailbox (a reply, a bounce), threaded as Gmail would. */
  async deliver(raw: string | Buffer, labelIds = ['INBOX', 'UNREAD']): Promise<{ id: string; threadId: string }> {
    const m = await this.store(Buffer.from(raw), labelIds, 'deliver');
    return { id: m.id, threadId: m.threadId };
  }

  sent(): Stored[] {
    return [...this.messages.values()].filter((m) => m.labelIds.includes('SENT'));
  }

  threadOf(id: string): string[] {
    return this.threads.get(this.messages.get(id)?.threadId ?? '') ?? [];
  }

  // ---- the mailbox ----

  /** `threadId`: a send's threadId ('none' for a send without one), or 'deliver' for incoming mail. */
  private async store(raw: Buffer, labelIds: string[], threadId: string): Promise<Stored> {
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
    let text = raw.toString('utf8');
    let messageId = parsed.messageId ? `<${parsed.messageId.replace(/^<|>$/g, '')}>` : '';
    if (!messageId || this.rewriteMessageIds) {
      // Gmail gives a message sent through the API a Message-ID of its own.
      const mine = `<CA+${randomBytes(12).toString('base64url')}@mail.gmail.com>`;
      text = messageId ? text.replace(/^Message-ID:[^\r\n]*(\r?\n[ \t][^\r\n]*)*/im, `Message-ID: ${mine}`) : `Message-ID: ${mine}\r\n${text}`;
      messageId = mine;
    }
    const refs = [...ids(typeof parsed.inReplyTo === 'string' ? parsed.inReplyTo : undefined), ...(Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : []).flatMap((r) => ids(r.startsWith('<') ? r : `<${r}>`))];
    const subject = parsed.subject ?? '';
    const joinable = (tid: string) => {
      const members = (this.threads.get(tid) ?? []).map((i) => this.messages.get(i)!);
      return members.length > 0 && members.some((m) => refs.includes(m.messageId)) && members.some((m) => normSubject(m.subject) === normSubject(subject));
    };
    // A send names its thread; incoming mail is threaded by its references, as Gmail does.
    let tid: string | undefined;
    if (threadId === 'deliver') for (const [t] of this.threads) tid ??= joinable(t) ? t : undefined;
    else if (threadId !== 'none' && joinable(threadId)) tid = threadId;
    const id = (0x18c0000000000000n + BigInt(++this.seq)).toString(16);
    tid ??= id;
    const headers: [string, string][] = [];
    for (const line of text.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i > 0) headers.push([line.slice(0, i).trim(), line.slice(i + 1).trim()]);
    }
    const m: Stored = { id, threadId: tid, labelIds, raw: Buffer.from(text), historyId: ++this.historyId, internalDate: Date.now(), headers, messageId, refs, subject };
    this.messages.set(id, m);
    this.threads.set(tid, [...(this.threads.get(tid) ?? []), id]);
    this.history.push({ id: m.historyId, message: m });
    return m;
  }

  private matches(m: Stored, q: string): boolean {
    const terms = q.match(/\S+:\([^)]*\)|\S+/g) ?? [];
    return terms.every((term) => {
      const [, op, value] = /^([a-z0-9]+):(.*)$/i.exec(term) ?? [];
      if (!op) throw new Error(`unsupported query term ${term}`);
      const header = (name: string) => m.headers.filter(([k]) => k.toLowerCase() === name).map(([, v]) => v.toLowerCase()).join(' ');
      const list = value!.replace(/^\(|\)$/g, '').split(/\s+OR\s+|\s+/).filter(Boolean).map((v) => v.toLowerCase());
      if (op === 'in') return list.every((l) => m.labelIds.includes(l.toUpperCase()));
      if (op === 'rfc822msgid') return list.some((v) => m.messageId.toLowerCase() === `<${v.replace(/^<|>$/g, '')}>`);
      if (op === 'from' || op === 'to') return list.some((v) => header(op).includes(v));
      throw new Error(`unsupported query operator ${op}`);
    });
  }

  // ---- HTTP ----

  private async body(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  private json(res: ServerResponse, status: number, body: unknown, method: string, headers: Record<string, string> = {}): void {
    this.log.push({ method, status });
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  private conform(schema: string, value: unknown, where: string): void {
    const s = DISCOVERY.schemas[schema];
    if (!s || typeof value !== 'object' || value === null) return;
    for (const [k, v] of Object.entries(value)) {
      const p = s.properties[k];
      if (!p) {
        this.problems.push(`${where}: ${schema} has no property ${k}`);
        continue;
      }
      if (p.$ref) this.conform(p.$ref, v, `${where}.${k}`);
      if (p.items?.$ref && Array.isArray(v)) v.forEach((x, i) => this.conform(p.items!.$ref!, x, `${where}.${k}[${i}]`));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname === '/token' && req.method === 'POST') return this.token(req, res);
    if (url.pathname === '/revoke' && req.method === 'POST') {
      const t = url.searchParams.get('token') ?? new URLSearchParams(await this.body(req)).get('token') ?? '';
      const known = this.refreshTokens.delete(t) || this.accessTokens.delete(t);
      return this.json(res, known ? 200 : 400, known ? {} : { error: 'invalid_token', error_description: 'Token expired or revoked' }, 'revoke');
    }
    const route = this.routes.find((r) => r.re.test(url.pathname));
    const spec = route && DISCOVERY.methods[route.id];
    if (!route || !spec || spec.httpMethod !== req.method) return this.json(res, 404, googleError(404, 'notFound', 'Not Found'), `? ${req.method} ${url.pathname}`);
    const params: Record<string, string> = {};
    route.re.exec(url.pathname)!.slice(1).forEach((v, i) => (params[route.names[i]!] = decodeURIComponent(v)));
    for (const k of url.searchParams.keys())
      if (!GLOBAL_PARAMS.has(k) && spec.parameters[k]?.location !== 'query')
        return this.json(res, 400, googleError(400, 'invalidParameter', `Invalid JSON payload received. Unknown name "${k}": Cannot bind query parameter.`), route.id);
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const grant = bearer ? this.accessTokens.get(bearer) : undefined;
    if (!grant) return this.json(res, 401, googleError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.'), route.id);
    if (!grant.scopes.some((s) => spec.scopes.includes(s))) return this.json(res, 403, googleError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.'), route.id);
    if (params.userId !== 'me' && params.userId !== this.account) return this.json(res, 403, googleError(403, 'forbidden', 'Delegation denied'), route.id);
    const failure = this.failures.get(route.id)?.shift();
    if (failure) {
      await this.body(req);
      return this.json(res, failure.status, googleError(failure.status, failure.reason, failure.message ?? failure.reason), route.id, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
    }
    const answer = await this.method(route.id, params, url.searchParams, req, res);
    if (answer === null) return; // the connection was dropped on purpose
    if (answer.status === 200 && spec.response) this.conform(spec.response.$ref, answer.body, route.id);
    this.json(res, answer.status, answer.body, route.id);
  }

  private wire(m: Stored, format: string, metadataHeaders: string[]): Record<string, unknown> {
    const base = { id: m.id, threadId: m.threadId, labelIds: m.labelIds, snippet: '', historyId: String(m.historyId), internalDate: String(m.internalDate), sizeEstimate: m.raw.length };
    if (format === 'raw') return { ...base, raw: m.raw.toString('base64url') };
    if (format === 'minimal') return base;
    const wanted = metadataHeaders.map((h) => h.toLowerCase());
    const headers = m.headers.filter(([k]) => format === 'full' || wanted.length === 0 || wanted.includes(k.toLowerCase())).map(([name, value]) => ({ name, value }));
    return { ...base, payload: { partId: '', mimeType: 'text/plain', filename: '', headers, body: { size: m.raw.length } } };
  }

  private async method(id: string, p: Record<string, string>, q: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<{ status: number; body: unknown } | null> {
    const notFound = { status: 404, body: googleError(404, 'notFound', 'Requested entity was not found.') };
    switch (id) {
      case 'users.getProfile':
        return { status: 200, body: { emailAddress: this.account, messagesTotal: this.messages.size, threadsTotal: this.threads.size, historyId: String(this.historyId) } };
      case 'users.messages.send': {
        const body = JSON.parse(await this.body(req)) as { raw?: string; threadId?: string };
        if (typeof body.raw !== 'string' || !/^[A-Za-z0-9_\-+/=]+$/.test(body.raw)) return { status: 400, body: googleError(400, 'invalidArgument', "'raw' RFC822 payload message string or uploading message via /upload/* URL required") };
        if (body.threadId && !this.threads.has(body.threadId)) return notFound;
        const drop = this.drops.shift();
        if (drop === 'before-store') return void res.socket?.destroy(), null;
        const m = await this.store(Buffer.from(body.raw, 'base64url'), ['SENT'], body.threadId ?? 'none');
        if (drop === 'after-store') return void res.socket?.destroy(), null;
        return { status: 200, body: { id: m.id, threadId: m.threadId, labelIds: m.labelIds } };
      }
      case 'users.messages.get': {
        const m = this.messages.get(p.id!);
        return m ? { status: 200, body: this.wire(m, q.get('format') ?? 'full', q.getAll('metadataHeaders')) } : notFound;
      }
      case 'users.messages.list': {
        let found: Stored[];
        try {
          found = [...this.messages.values()].filter((m) => !q.get('q') || this.matches(m, q.get('q')!)).reverse();
        } catch (err) {
          return { status: 400, body: googleError(400, 'invalidArgument', (err as Error).message) };
        }
        return { status: 200, body: { ...(found.length ? { messages: found.map((m) => ({ id: m.id, threadId: m.threadId })) } : {}), resultSizeEstimate: found.length } };
      }
      case 'users.history.list': {
        const start = Number(q.get('startHistoryId'));
        if (!q.get('startHistoryId') || !Number.isFinite(start)) return { status: 400, body: googleError(400, 'invalidArgument', 'Invalid startHistoryId') };
        if (start < this.oldestHistoryId) return notFound;
        const from = Number(q.get('pageToken') ?? 0);
        const all = this.history.filter((h) => h.id > start);
        const page = all.slice(from, from + this.historyPageSize);
        const history = page.map((h) => ({ id: String(h.id), messages: [{ id: h.message.id, threadId: h.message.threadId }], messagesAdded: [{ message: { id: h.message.id, threadId: h.message.threadId, labelIds: h.message.labelIds } }] }));
        const more = from + this.historyPageSize < all.length;
        return { status: 200, body: { ...(history.length ? { history } : {}), historyId: String(this.historyId), ...(more ? { nextPageToken: String(from + this.historyPageSize) } : {}) } };
      }
      case 'users.threads.get': {
        const members = this.threads.get(p.id!);
        if (!members) return notFound;
        const msgs = members.map((i) => this.wire(this.messages.get(i)!, q.get('format') ?? 'full', q.getAll('metadataHeaders')));
        return { status: 200, body: { id: p.id, historyId: String(this.historyId), messages: msgs } };
      }
      default:
        return notFound;
    }
  }

  private async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const f = new URLSearchParams(await this.body(req));
    const grantType = f.get('grant_type') ?? '';
    const bad = (error: string, description: string, status = 400) => {
      this.log.push({ method: 'token', status, grant: grantType });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error, error_description: description }));
    };
    const clientId = f.get('client_id') ?? '';
    if (!this.clients.has(clientId) || this.clients.get(clientId) !== f.get('client_secret')) return bad('invalid_client', 'Unauthorized', 401);
    let scopes: string[];
    let refresh: string | undefined;
    if (grantType === 'authorization_code') {
      const code = this.codes.get(f.get('code') ?? '');
      if (!code) return bad('invalid_grant', 'Malformed auth code.');
      this.codes.delete(f.get('code')!);
      const verifier = f.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return bad('invalid_grant', 'Invalid code verifier.');
      if (code.redirectUri && f.get('redirect_uri') !== code.redirectUri) return bad('redirect_uri_mismatch', 'Bad Request');
      scopes = code.scopes;
      refresh = `1//${randomBytes(16).toString('hex')}`;
      this.refreshTokens.set(refresh, { clientId, scopes });
      this.issuedSecrets.push(refresh);
    } else if (grantType === 'refresh_token') {
      const r = this.refreshTokens.get(f.get('refresh_token') ?? '');
      if (!r || r.clientId !== clientId) return bad('invalid_grant', 'Token has been expired or revoked.');
      scopes = r.scopes;
    } else {
      return bad('unsupported_grant_type', 'Invalid grant_type');
    }
    const access = `ya29.${randomBytes(24).toString('base64url')}`;
    this.accessTokens.set(access, { scopes });
    this.issuedSecrets.push(access);
    this.log.push({ method: 'token', status: 200, grant: grantType });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
      access_token: access, expires_in: 3599, scope: scopes.join(' '), token_type: 'Bearer', ...(refresh ? { refresh_token: refresh } : {}),
    }));
  }
}
