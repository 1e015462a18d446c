import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors/user-error.js';

export interface OAuthClientFile {
  file: string;
  clientId: string;
  clientSecret: string;
}

const HINT = 'download it from Google Cloud console → APIs & Services → Credentials → your "Desktop app" OAuth client → Download JSON (README, "Sending through Gmail")';

/**
 * The OAuth client the user created ("Desktop app"), as Google's console downloads it:
 * `{"installed": {"client_id", "client_secret", ...}}`. Without --client it is looked for in
 * the project folder (client_secret*.json), then beside the token files.
 */
export function findClientFile(explicit: string | undefined, projectDir: string, tokenDir: string | undefined): string {
  if (explicit) return path.resolve(projectDir, explicit);
  for (const dir of [projectDir, tokenDir]) {
    if (!dir) continue;
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => /^client_secret.*\.json$/.test(n)).sort();
    } catch {
      continue;
    }
    if (names.length > 0) return path.join(dir, names[0]!);
  }
  throw new UserError('no OAuth client file (client_secret*.json) in the project folder', { where: '--client', hint: `pass --client <client_secret.json>; ${HINT}` });
}

export function readClientFile(file: string): OAuthClientFile {
  let json: Record<string, { client_id?: string; client_secret?: string } | undefined>;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as typeof json;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UserError(missing ? 'file not found' : 'not valid JSON', { where: file, hint: HINT });
  }
  if (json.web && !json.installed)
    throw new UserError('installed: this is a "Web application" client; sign-in needs a "Desktop app" client', { where: file, hint: HINT });
  const c = json.installed;
  if (!c?.client_id || !c.client_secret) throw new UserError('installed.client_id / installed.client_secret: missing', { where: file, hint: HINT });
  return { file, clientId: c.client_id, clientSecret: c.client_secret };
}
