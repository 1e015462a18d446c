import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors/user-error.js';

/**
 * A Gmail sign-in as Google's own client libraries save it (`gcloud`, google-auth-library's
 * `fromJSON`): the "authorized_user" format. The refresh token is a password: the file is
 * written with mode 0600 in a 0700 folder, and no value of it is ever printed or logged.
 */
export interface AuthorizedUser {
  type: 'authorized_user';
  client_id: string;
  client_secret: string;
  refresh_token: string;
}

function bad(file: string, what: string): UserError {
  return new UserError(what, { where: file, hint: 'sign in again with "outreach auth gmail" (or point OUTREACH_GMAIL_TOKEN at a valid file)' });
}

export async function readTokenFile(file: string | undefined): Promise<AuthorizedUser> {
  if (!file) throw new UserError('no Gmail token file: sender.email is not set', { where: 'outreach.config.json', hint: 'set sender.email, then run "outreach auth gmail"' });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserError('not signed in to Gmail (no token file)', { where: file, hint: 'run "outreach auth gmail"' });
    throw err;
  }
  let json: Partial<AuthorizedUser>;
  try {
    json = JSON.parse(text) as Partial<AuthorizedUser>;
  } catch {
    throw bad(file, 'not valid JSON');
  }
  if (json.type !== 'authorized_user') throw bad(file, 'type: expected "authorized_user"');
  for (const k of ['client_id', 'client_secret', 'refresh_token'] as const)
    if (typeof json[k] !== 'string' || json[k] === '') throw bad(file, `${k}: missing`);
  return { type: 'authorized_user', client_id: json.client_id!, client_secret: json.client_secret!, refresh_token: json.refresh_token! };
}

/** Writes the file with mode 0600 from its creation on (never world-readable, even for a moment), then renames it into place. */
export async function writeTokenFile(file: string, user: AuthorizedUser): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(`${JSON.stringify(user, null, 2)}\n`);
  } finally {
    await fh.close();
  }
  await chmod(tmp, 0o600); // a umask cannot widen it, but an existing file keeps its old mode
  await rename(tmp, file);
}

export async function removeTokenFile(file: string): Promise<boolean> {
  try {
    await rm(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
