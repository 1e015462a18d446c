import { join } from 'node:path';
import { EutilsClient } from './eutils-client.js';

let warnedNoEmail = false;

/**
 * The E-utilities client a command uses: base URL, API key and contact address from the
 * environment, responses cached under <dir>/.cache/pubmed/ (shared by the search and the look-up).
 */
export function eutilsClientFor(dir: string, env: NodeJS.ProcessEnv, err: NodeJS.WritableStream): EutilsClient {
  const email = env['OUTREACH_NCBI_EMAIL'] || undefined;
  if (!email && !warnedNoEmail) {
    warnedNoEmail = true;
    err.write('warning: OUTREACH_NCBI_EMAIL is not set; NCBI asks for a contact e-mail with E-utilities requests\n');
  }
  return new EutilsClient({
    baseUrl: env['NCBI_EUTILS_URL'],
    apiKey: env['NCBI_API_KEY'] || undefined,
    email,
    cacheDir: join(dir, '.cache', 'pubmed'),
  });
}
