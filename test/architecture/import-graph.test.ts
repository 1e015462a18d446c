// The shape ARCHITECTURE.md describes, checked: no import cycle between files of src/, none
// between its first-level folders (`import type` included), and `outreach --help` loads no
// command module.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cycles, importGraph } from '../../scripts/import-graph.js';
import { testEnv } from '../helpers/env.js';
import { CLI } from '../helpers/project.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'arch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('import graph of src/', () => {
  const g = importGraph(SRC);

  it('reads the imports it should (a sanity check on the parser)', () => {
    const program = g.files.get(path.join(SRC, 'cli/program.ts'))!;
    expect([...program].map((f) => path.relative(SRC, f))).toContain('cli/io.ts');
    // `import type` counts: message/compose.ts imports the config's type only.
    expect(g.folders.get('message')).toContain('config');
    expect(g.files.size).toBeGreaterThan(100);
  });

  it('has no cycle between files', () => {
    expect(cycles(g.files).map((c) => c.map((f) => path.relative(SRC, f)).join(' -> '))).toEqual([]);
  });

  it('has no cycle between first-level folders', () => {
    expect(cycles(g.folders).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    const fake = new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]);
    expect(cycles(fake)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('keeps the folder rules of ARCHITECTURE.md: the lower layers import no upper one', () => {
    const table = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const rows = [...table.matchAll(/^\| `([a-z]+)\/` \| ([^|]*) \|/gm)];
    const rules = rows.map((m, i) => {
      const cell = m[2]!;
      // "every folder above": the rows before it in the table.
      const allowed = /every folder above/.test(cell) ? rows.slice(0, i).map((r) => r[1]!) : (cell.match(/`([a-z]+)\/`/g)?.map((x) => x.slice(1, -2)) ?? []);
      return [m[1]!, allowed] as const;
    });
    expect(rules.length).toBeGreaterThan(10);
    const broken: string[] = [];
    for (const [folder, allowed] of rules)
      for (const dep of g.folders.get(folder) ?? []) if (!allowed.includes(dep)) broken.push(`${folder} -> ${dep}`);
    expect(broken).toEqual([]);
  });
});

describe('outreach --help', () => {
  it('loads no command module', () => {
    const log = path.join(tmp, 'loaded.txt');
    const hook = path.join(tmp, 'hook.mjs');
    writeFileSync(hook, `import { registerHooks } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nregisterHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); } });\n`);
    for (const args of [['--help'], ['status', '--help'], ['--version']]) {
      writeFileSync(log, '');
      const r = spawnSync(process.execPath, ['--import', hook, CLI, ...args], { encoding: 'utf8', env: testEnv() });
      expect(r.status, r.stderr).toBe(0);
      const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      expect(loaded.some((u) => u.endsWith('/cli/main.js'))).toBe(true);
      // A --help is answered from the texts the build stored: not even the parser is loaded.
      expect(loaded.some((u) => u.endsWith('/cli/program.js'))).toBe(args[0] === '--version');
      expect(loaded.filter((u) => /\/cli\/commands\/|ioredis|bullmq|zod|luxon|handlebars|nodemailer/.test(u))).toEqual([]);
    }
  });
});

describe('outreach on an old Node.js', () => {
  // The machine's own /usr/bin/node is 20 here and in CI (README, "Development"): then the
  // real old Node runs main.js, which also proves it parses there. Without one, this Node
  // runs it with process.versions.node set to 20 before main.js loads: the check and its
  // message are still tested, never skipped.
  const old = '/usr/bin/node';
  const major = (() => {
    const r = spawnSync(old, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' });
    return r.status === 0 ? Number(r.stdout.trim()) : NaN;
  })();
  it(`says in one line which version it needs (${major < 22 ? `Node.js ${major} at ${old}` : 'this Node.js, told it is 20'})`, () => {
    const pretend = path.join(tmp, 'pretend-node-20.mjs');
    writeFileSync(pretend, "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });\n");
    const [node, args] = major < 22 ? [old, [CLI, '--version']] : [process.execPath, ['--import', pretend, CLI, '--version']];
    const r = spawnSync(node, args, { encoding: 'utf8', env: testEnv() });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^error: outreach needs Node\.js 22 or newer; this is Node\.js 2\d\./);
    expect(r.stdout).toBe('');
  });
});
