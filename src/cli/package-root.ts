import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's folder (where templates/ and data/ ship), from src or dist alike. */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'mentor-outreach') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the mentor-outreach package folder');
    dir = up;
  }
}
