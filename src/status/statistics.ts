/**
 * The two statistics the dashboard and `report` show, written out because each is a few lines:
 * - the Wilson score interval for a proportion (Wilson 1927; Newcombe 1998, method 3);
 * - the two-sided Fisher's exact test of a 2×2 table, summing the probabilities of every table
 *   with the same margins that is no more likely than the observed one (Agresti 1992, method (b);
 *   what R's fisher.test does, with the same relative tolerance of 1e-7).
 */

export interface Interval {
  low: number;
  high: number;
}

/** 95% Wilson score interval for k successes out of n (null when n is 0). */
export function wilson(k: number, n: number, z = 1.959963984540054): Interval | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

const logFact: number[] = [0];
function lf(n: number): number {
  for (let i = logFact.length; i <= n; i++) logFact[i] = logFact[i - 1]! + Math.log(i);
  return logFact[n]!;
}

/**
 * Two-sided p-value of Fisher's exact test for the table
 *   a b
 *   c d
 * (rows: the two groups; columns: replied, did not).
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const r1 = a + b, r2 = c + d, c1 = a + c, n = r1 + r2;
  const logP = (x: number) => lf(r1) + lf(r2) + lf(c1) + lf(n - c1) - lf(n) - lf(x) - lf(r1 - x) - lf(c1 - x) - lf(r2 - c1 + x);
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, c1 - r2); x <= Math.min(r1, c1); x++) {
    const lp = logP(x);
    if (lp <= observed + Math.log1p(1e-7)) p += Math.exp(lp);
  }
  return Math.min(1, p);
}
