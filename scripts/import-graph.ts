// Prints the import cycles of src/: between files, and between first-level folders
// (`import type` and `export … from` count too). Exit 1 when there is one.
// ARCHITECTURE.md, "Import rules", says which folder may import which.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ImportGraph {
  files: Map<string, Set<string>>;
  folders: Map<string, Set<string>>;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function folderOf(srcDir: string, file: string): string {
  const rel = path.relative(srcDir, file).split(path.sep);
  return rel.length > 1 ? rel[0]! : '.';
}

export function importGraph(srcDir: string): ImportGraph {
  const files = new Map<string, Set<string>>();
  const folders = new Map<string, Set<string>>();
  for (const file of walk(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const deps = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const spec = (m[1] ?? m[2])!;
      const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
      const resolved = [target, target.replace(/\.ts$/, '.tsx')].find((t) => { try { return statSync(t).isFile(); } catch { return false; } });
      if (!resolved || !resolved.startsWith(srcDir + path.sep)) continue;
      deps.add(resolved);
      const a = folderOf(srcDir, file);
      const b = folderOf(srcDir, resolved);
      if (a !== b) {
        if (!folders.has(a)) folders.set(a, new Set());
        folders.get(a)!.add(b);
      }
    }
    files.set(file, deps);
  }
  return { files, folders };
}

/** Every cycle found by a depth-first search, each as the list of its nodes. */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (state.get(d) === 1) found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const src = path.resolve(process.argv[2] ?? 'src');
  const g = importGraph(src);
  const rel = (f: string) => path.relative(process.cwd(), f);
  const fileCycles = cycles(g.files);
  const folderCycles = cycles(g.folders);
  for (const c of fileCycles) console.log(`file cycle: ${c.map(rel).join(' -> ')}`);
  for (const c of folderCycles) console.log(`folder cycle: ${c.join(' -> ')}`);
  if (process.argv.includes('--folders')) for (const [a, bs] of [...g.folders].sort()) console.log(`${a} -> ${[...bs].sort().join(', ')}`);
  console.log(`${g.files.size} files: ${fileCycles.length} file cycle(s), ${folderCycles.length} folder cycle(s)`);
  process.exitCode = fileCycles.length + folderCycles.length > 0 ? 1 : 0;
}
