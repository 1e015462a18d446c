import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gmailProject, SENDER, type GmailProject } from '../helpers/gmail-project.js';
import { SCOPE_READ, SCOPE_SEND } from '../helpers/gmail-server.js';
import { CLI } from '../helpers/project.js';

/**
 * `outreach auth gmail | status | revoke` as a process, against the loopback OAuth server.
 * The browser's part (Google's consent page) is played by the test: it reads the consent
 * URL the command prints, has the server issue a code bound to that URL's PKCE challenge,
 * and calls the loopback redirect the command listens on, as Google's redirect would.
 */
describe('outreach auth', () => {
  let g: GmailProject;
  const outputs: string[] = [];
  afterEach(async () => {
    // No token or client secret in anything a command printed.
    const leaked = g.server.issuedSecrets.filter((s) => outputs.some((o) => o.includes(s)));
    expect(leaked).toEqual([]);
    expect(g.server.problems).toEqual([]);
    outputs.length = 0;
    await g.cleanup();
  });

  async function run(args: string[], extra: Record<string, string> = {}) {
    const r = await g.run(args, extra);
    outputs.push(r.stdout, r.stderr);
    return r;
  }

  it('auth gmail: loopback redirect + PKCE, token file 0600 in the authorized_user format, then status and revoke', async () => {
    g = await gmailProject({ contacts: 1 });
    const { rmSync } = await import('node:fs');
    rmSync(g.tokenFile);
    const { clientId, clientSecret } = g.server.addClient();
    writeFileSync(path.join(g.p.dir, 'client_secret_test.apps.googleusercontent.com.json'), JSON.stringify({ installed: { client_id: clientId, client_secret: clientSecret, auth_uri: 'https://accounts.google.com/o/oauth2/auth', token_uri: g.server.tokenUrl, redirect_uris: ['http://localhost'] } }));

    const child = spawn(process.execPath, [CLI, '--dir', g.p.dir, 'auth', 'gmail'], { env: { ...g.p.env, ...g.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    const consentUrl = await new Promise<URL>((resolve) => child.stderr.on('data', (d) => {
      stderr += String(d);
      const m = /https:\/\/accounts\.google\.com\/\S+/.exec(stderr);
      if (m) resolve(new URL(m[0]));
    }));
    const q = consentUrl.searchParams;
    expect(q.get('client_id')).toBe(clientId);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('access_type')).toBe('offline');
    expect(q.get('login_hint')).toBe(SENDER);
    expect(q.get('scope')!.split(' ').sort()).toEqual([SCOPE_READ, SCOPE_SEND]);
    const redirect = q.get('redirect_uri')!;
    expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    // A redirect with another state (a stale or forged link) is refused; the command keeps waiting.
    const forged = await fetch(`${redirect}?code=x&state=not-it`);
    expect(forged.status).toBe(400);
    const code = g.server.consent(q.get('code_challenge')!, redirect);
    const back = await fetch(`${redirect}?code=${encodeURIComponent(code)}&state=${q.get('state')}&scope=${encodeURIComponent(q.get('scope')!)}`);
    expect(back.status).toBe(200);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    outputs.push(stdout, stderr);
    expect(status, stderr).toBe(0);
    expect(stdout).toContain(`signed in as ${SENDER}; token saved to ${g.tokenFile} (mode 0600)`);
    expect(g.tokenFile).toBe(path.join(g.env.XDG_CONFIG_HOME!, 'outreach', 'gmail', `${SENDER}.json`));

    expect(statSync(g.tokenFile).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(g.tokenFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(saved).sort()).toEqual(['client_id', 'client_secret', 'refresh_token', 'type']);
    expect(saved.type).toBe('authorized_user');
    expect(g.server.issuedSecrets).toContain(saved.refresh_token);
    // The code exchange carried the PKCE verifier (the server checked S256(verifier) = challenge).
    expect(g.server.log.filter((l) => l.method === 'token').map((l) => [l.grant, l.status])).toContainEqual(['authorization_code', 200]);

    let r = await run(['auth', 'status', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ account: SENDER, tokenFile: g.tokenFile, signedIn: true, refreshes: true, scopes: ['gmail.send', 'gmail.readonly'] });
    r = await run(['auth', 'status']);
    expect(r.stdout).toContain('(mode 0600)');
    expect(r.stdout).toContain('refreshes:  yes');

    r = await run(['auth', 'revoke']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`revoked at Google; deleted ${g.tokenFile}`);
    expect(existsSync(g.tokenFile)).toBe(false);
    r = await run(['auth', 'status', '--json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ signedIn: false, refreshes: false });
  });

  it('auth status says when the token no longer refreshes; OUTREACH_GMAIL_TOKEN names another file', async () => {
    g = await gmailProject({ contacts: 1 });
    const other = path.join(g.p.dir, 'elsewhere.json');
    copyFileSync(g.tokenFile, other);
    let r = await run(['auth', 'status', '--json'], { OUTREACH_GMAIL_TOKEN: other });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).tokenFile).toBe(other);

    g.server.revokeRefreshTokens(); // e.g. the 7 days of a testing-mode app are over
    r = await run(['auth', 'status']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('refreshes:  no (Gmail sign-in no longer works (Token has been expired or revoked): run `outreach auth gmail`)');
  });

  it('a token file written over an existing one keeps mode 0600', async () => {
    g = await gmailProject({ contacts: 1 });
    const { chmodSync } = await import('node:fs');
    const { writeTokenFile } = await import('../../src/gmail/token-file.js');
    chmodSync(g.tokenFile, 0o644);
    await writeTokenFile(g.tokenFile, g.server.signedIn());
    expect(statSync(g.tokenFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(g.tokenFile)).mode & 0o777).toBe(0o700);
  });
});
