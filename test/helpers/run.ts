import { spawn } from 'node:child_process';

export interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs a program to its end without blocking this process (unlike spawnSync), so a server
 * the test runs here (an SMTP sink, say) can answer it.
 */
export function runProcess(file: string, args: string[], opts: { env: NodeJS.ProcessEnv; cwd: string }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, opts);
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out, err }));
  });
}
