import { pct as percent } from '../status/snapshot.js';

/** Small text helpers for the views: plain strings, no terminal codes. */

const BLOCKS = '▁▂▃▄▅▆▇█';

/** One character per value, scaled to the largest; all-zero shows as the lowest block. */
export function sparkline(values: number[]): string {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? BLOCKS[0] : BLOCKS[Math.min(7, Math.round((v / max) * 7))])).join('');
}

/** A bar of `width` cells for value/max. */
export function bar(value: number, max: number, width: number): string {
  if (max <= 0 || width <= 0) return '';
  const n = Math.round((Math.min(value, max) / max) * width);
  return '█'.repeat(n) + '·'.repeat(Math.max(0, width - n));
}

/** status's percentage (the same text as `status` prints); '-' for no rate. */
export function pct(x: number | null): string {
  return x === null ? '-' : percent(x);
}

/** 90 s → "2 min", 5 h → "5.0 h", 3 days → "3.0 d". */
export function duration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

/** "2026-11-28T02:31:05.000Z" → "11-28 02:31" in the local zone of this machine. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function fit(s: string, width: number): string {
  if (width <= 0) return '';
  return s.length <= width ? s.padEnd(width) : `${s.slice(0, Math.max(0, width - 1))}…`;
}
