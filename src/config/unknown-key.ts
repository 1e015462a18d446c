import type { z } from 'zod';

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every key path a schema knows, e.g. "pacing.dailyCap" ("followups.template" for array items). */
export function knownKeys(schema: z.ZodType, prefix = ''): string[] {
  const d = defOf(schema);
  if (d.type === 'object' && d.shape)
    return Object.entries(d.shape).flatMap(([k, v]) => [`${prefix}${k}`, ...knownKeys(v, `${prefix}${k}.`)]);
  const inner = d.innerType ?? d.in ?? d.element;
  return inner ? knownKeys(inner, prefix) : [];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

const leaf = (p: string) => p.slice(p.lastIndexOf('.') + 1);
const parent = (p: string) => (p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '');

/**
 * The known key the user most likely meant by `written` (a full path such as
 * "pacing.dailycap"): the same name in another case, then a key it begins (smtp →
 * transport.smtpUrl), then the nearest spelling; keys beside it come first. Null if nothing is close.
 */
export function closestKey(written: string, known: string[]): string | null {
  const name = leaf(written).toLowerCase();
  const here = parent(written);
  const rank = (k: string): number => {
    const l = leaf(k).toLowerCase();
    const near = parent(k) === here ? 0 : 0.5;
    if (l === name) return near;
    if (name.length >= 3 && (l.startsWith(name) || name.startsWith(l))) return 1 + near;
    const d = distance(l, name);
    return d <= Math.max(1, Math.floor(Math.max(l.length, name.length) / 3)) ? 2 + d + near : Infinity;
  };
  let best: string | null = null;
  let bestRank = Infinity;
  for (const k of known) {
    const r = rank(k);
    if (r < bestRank) [best, bestRank] = [k, r];
  }
  return best;
}
