import { spawn } from 'node:child_process';
import { runCli } from '../../src/cli/program.js';
import { reportError } from '../../src/cli/report-error.js';
import { capture } from './cli.js';
import { CLI, type TestProject } from './project.js';

export interface Ran { status: number | null; stdout: string; stderr: string }

/**
 * Runs the built CLI as a process without blocking this one (unlike `TestProject.cli`), so a
 * server living in the test process (the SMTP sink) keeps answering meanwhile.
 */
export function cliAsync(p: Pick<TestProject, 'dir' | 'env'>, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--dir', p.dir, ...args], { env: { ...p.env, ...extraEnv }, cwd: p.dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * Runs a command in this process through the real command tree (faster than a process),
 * with the project's environment; an error is reported as the CLI reports it.
 */
export async function cliIn(p: Pick<TestProject, 'dir' | 'env'>, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const out = capture();
  const err = capture();
  const before = process.exitCode;
  const cwd = process.cwd();
  process.exitCode = 0;
  let status = 0;
  try {
    // As the CLI runs: in the project folder, so relative paths name files as the user wrote them.
    process.chdir(p.dir);
    await runCli(['--dir', p.dir, ...args], { io: { stdout: out.stream, stderr: err.stream, env: { ...p.env, ...extraEnv } } });
    status = Number(process.exitCode ?? 0);
  } catch (e) {
    status = reportError(e, err.stream);
  } finally {
    process.exitCode = before;
    process.chdir(cwd);
  }
  return { status, stdout: out.text(), stderr: err.text() };
}
