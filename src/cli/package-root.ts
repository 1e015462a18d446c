import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let found: { dir: string; version: string } | undefined;

function find(): { dir: string; version: string } {
  if (found) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      const json = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string };
      if (json.name === 'mentor-outreach') return (found = { dir, version: json.version ?? '0.0.0' });
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the mentor-outreach package folder');
    dir = up;
  }
}

/** The installed package's folder (where templates/ and data/ ship), from src or dist alike. */
export function packageRoot(): string {
  return find().dir;
}

export function packageVersion(): string {
  return find().version;
}
