import type { OAuth2Client } from 'google-auth-library';

/**
 * The two scopes asked for, and why (README, "Sending through Gmail"):
 * - gmail.send: send the messages, and nothing else (it cannot read or delete mail);
 * - gmail.readonly: read replies, bounces and auto-replies, read back the Message-ID Gmail
 *   stored, and look an uncertain send up in Sent. It cannot send, change or delete anything.
 */
export const GMAIL_SCOPES = ['https://www.googleapis.com/auth/gmail.send', 'https://www.googleapis.com/auth/gmail.readonly'] as const;

/** Google's revoke endpoint sits beside its token endpoint (oauth2.googleapis.com/token and /revoke). */
export function revokeUrlFor(tokenUrl: string): string {
  return new URL('revoke', tokenUrl).toString();
}

/** An OAuth client for an installed app, with its token (and revoke) endpoint from the config. */
export async function oauthClient(o: { clientId: string; clientSecret: string; tokenUrl: string; redirectUri?: string }): Promise<OAuth2Client> {
  const { OAuth2Client } = await import('google-auth-library');
  return new OAuth2Client({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    redirectUri: o.redirectUri,
    endpoints: { oauth2TokenUrl: o.tokenUrl, oauth2RevokeUrl: revokeUrlFor(o.tokenUrl) },
  });
}
