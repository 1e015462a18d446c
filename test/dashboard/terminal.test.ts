// The dashboard as a person sees it: the built CLI in a real terminal (tmux, 100×30), the
// screen read with capture-pane, keys sent with send-keys; q and Ctrl-C quit with exit code 0
// and give the terminal back (the alternate screen is left, the shell's screen is back).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, contactsCsv, makeProject, type TestProject } from '../helpers/project.js';

let p: TestProject;
const socket = `outreach-test-${randomBytes(4).toString('hex')}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function waitFor(test: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; screen:\n${tmux('capture-pane', '-p', '-t', 'dash')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `outreach dashboard` in a detached 100×30 tmux session; resolves when the first frame is up. */
async function start(extraEnv: Record<string, string>, exitFile: string): Promise<void> {
  const env = { ...p.env, ...extraEnv, TERM: 'xterm-256color' };
  const vars = Object.entries(env).filter(([k, v]) => v !== undefined && /^(PATH|HOME|TERM|REDIS_URL|OUTREACH_PREFIX|NO_COLOR|LANG|LC_ALL)$/.test(k));
  const cmd = `env -i ${vars.map(([k, v]) => `${k}=${shellQuote(v!)}`).join(' ')} ${shellQuote(process.execPath)} ${shellQuote(CLI)} --dir ${shellQuote(p.dir)} dashboard; echo $? > ${shellQuote(exitFile)}; sleep 60`;
  tmux('new-session', '-d', '-s', 'dash', '-x', '100', '-y', '30', cmd);
  await waitFor(() => tmux('capture-pane', '-p', '-t', 'dash').includes('outreach dashboard'), 'the first frame');
}

beforeAll(async () => {
  p = await makeProject();
  p.writeCsv('data/mentors.csv', contactsCsv(5));
  for (const args of [['import', 'data/mentors.csv', '--campaign', 'fall'], ['send', '--campaign', 'fall', '--send', '--no-pacing'], ['worker', '--drain']]) {
    const r = p.cli(args);
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  }
});

afterAll(async () => {
  try { execFileSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' }); } catch { /* already gone */ }
  await p?.cleanup();
});

describe('outreach dashboard in a real terminal', () => {
  it('shows the numbers, ? shows help, q quits with 0 and restores the screen', async () => {
    const exitFile = path.join(p.dir, 'exit-q');
    await start({}, exitFile);
    const screen = tmux('capture-pane', '-p', '-t', 'dash');
    expect(screen).toMatch(/contacts\s+5 /);
    expect(screen).toMatch(/sent\s+5 /);
    expect(screen).toContain('today 5/');
    expect(screen).toMatch(/follow-up 1 → First\d Last\d <mentor\d@example\.org>/);
    // Colour is on by default: SGR colour codes in the pane's cells.
    expect(tmux('capture-pane', '-p', '-e', '-t', 'dash')).toMatch(/\x1b\[[0-9;]*3[1-6]m/);

    tmux('send-keys', '-t', 'dash', '?');
    await waitFor(() => tmux('capture-pane', '-p', '-t', 'dash').includes('Terms'), 'the help');
    tmux('send-keys', '-t', 'dash', 'q');
    await waitFor(() => existsSync(exitFile), 'the exit');
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
    // Back on the normal screen: nothing of the dashboard is left on it.
    expect(tmux('capture-pane', '-p', '-t', 'dash')).not.toContain('outreach dashboard');
    tmux('kill-session', '-t', 'dash');
  });

  it('Ctrl-C quits with 0 too; NO_COLOR gives a frame without colour', async () => {
    const exitFile = path.join(p.dir, 'exit-c');
    await start({ NO_COLOR: '1' }, exitFile);
    const cells = tmux('capture-pane', '-p', '-e', '-t', 'dash');
    expect(cells).toMatch(/contacts\s+5 /);
    expect(cells).not.toMatch(/\x1b\[[0-9;]*3[0-7]m/);
    tmux('send-keys', '-t', 'dash', 'C-c');
    await waitFor(() => existsSync(exitFile), 'the exit');
    expect(readFileSync(exitFile, 'utf8').trim()).toBe('0');
    tmux('kill-session', '-t', 'dash');
  });
});
