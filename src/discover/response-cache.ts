import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Responses on disk, one file per request, so a repeated search costs no requests.
 * The key is a hash of what identifies the request (never the API key or the e-mail).
 */
export class ResponseCache {
  constructor(private readonly dir: string) {}

  static keyOf(parts: Record<string, string>): string {
    const canonical = Object.keys(parts)
      .sort()
      .map((k) => `${k}=${parts[k]}`)
      .join('&');
    return createHash('sha256').update(canonical).digest('hex');
  }

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.xml`);
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return await readFile(this.pathOf(key), 'utf8');
    } catch {
      return undefined;
    }
  }

  /** Written to a temp file then renamed, so a crash never leaves half a response. */
  async set(key: string, body: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    await writeFile(tmp, body);
    await rename(tmp, path);
  }
}
