import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Builds dist/ once before any test file runs (as `npm run build` does), so tests that start the CLI as a process
 * (`node dist/src/cli/main.js`) never run a stale build.
 */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
  execFileSync(tsc, ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  // The rest of `npm run build`: the stored --help texts (src/cli/help-cache.ts).
  execFileSync(process.execPath, ['dist/scripts/help-cache.js'], { cwd: root, stdio: 'ignore' });
}
