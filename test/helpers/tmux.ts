import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * A program in a real terminal: a detached tmux session of a given size. Keys go in with
 * send-keys; the screen comes back with capture-pane.
 */
export class TmuxSession {
  readonly name = `outreach-test-${randomBytes(4).toString('hex')}`;

  constructor(command: string, opts: { cwd: string; env: NodeJS.ProcessEnv; width?: number; height?: number }) {
    // A running tmux server gives new sessions its own environment, not the caller's: the
    // program gets exactly `opts.env` (plus a TERM), through env -i.
    const q = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
    const vars = Object.entries({ TERM: 'xterm-256color', ...opts.env }).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${q(v!)}`);
    // The shell stays after the program, so its last screen and exit status can be read.
    const wrapped = `env -i ${vars.join(' ')} ${command}; echo "[exit $?]"; sleep 600`;
    execFileSync('tmux', ['new-session', '-d', '-s', this.name, '-x', String(opts.width ?? 100), '-y', String(opts.height ?? 30), '-c', opts.cwd, wrapped]);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.name], { encoding: 'utf8' });
  }

  /** Waits until the screen shows `pattern`; throws with the screen after `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      if (Date.now() > end) throw new Error(`timed out waiting for ${pattern}; the screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Literal text, then Enter. */
  type(text: string): void {
    if (text) execFileSync('tmux', ['send-keys', '-t', this.name, '-l', text]);
    execFileSync('tmux', ['send-keys', '-t', this.name, 'Enter']);
  }

  keys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.name, ...keys]);
  }

  /** The program's exit status once it has ended (null while it runs). */
  exitStatus(): number | null {
    const m = /\[exit (\d+)\]/.exec(spawnSync('tmux', ['capture-pane', '-p', '-S', '-1000', '-t', this.name], { encoding: 'utf8' }).stdout);
    return m ? Number(m[1]) : null;
  }

  async waitForExit(timeoutMs = 15_000): Promise<number> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = this.exitStatus();
      if (s !== null) return s;
      if (Date.now() > end) throw new Error(`the program did not exit; the screen:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(): void {
    spawnSync('tmux', ['kill-session', '-t', this.name]);
  }
}
