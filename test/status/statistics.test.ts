// The statistics against published worked examples, each with its source.
import { describe, expect, it } from 'vitest';
import { rate, variantRates } from '../../src/status/snapshot.js';
import { fisherExact, wilson } from '../../src/status/statistics.js';

describe('Wilson score interval (95%)', () => {
  // Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
  // comparison of seven methods. Statistics in Medicine 17, 857–872, Table II, method 3
  // ("score method, no continuity correction"), the paper's four worked examples.
  const cases: Array<[number, number, number, number, string]> = [
    [81, 263, 0.2553, 0.3662, 'a mid-range proportion'],
    [15, 148, 0.0624, 0.1605, 'a small proportion'],
    [0, 20, 0.0, 0.1611, 'no successes: the interval still has width (the Wald interval collapses to 0)'],
    [1, 29, 0.0061, 0.1718, 'one success: the lower limit stays above 0'],
  ];
  for (const [k, n, low, high, why] of cases)
    it(`${k}/${n}: ${why}`, () => {
      const i = wilson(k, n)!;
      expect(i.low).toBeCloseTo(low, 4);
      expect(i.high).toBeCloseTo(high, 4);
    });
  it('no trials: no interval', () => expect(wilson(0, 0)).toBeNull());
});

describe("Fisher's exact test, two-sided", () => {
  const cases: Array<[[number, number, number, number], number, number, string]> = [
    // Fisher (1935), The Design of Experiments, the lady tasting tea: 3 of 4 cups right each
    // way. The tables with these margins have probabilities 1, 16, 36, 16, 1 (/70); two-sided
    // p = 34/70 = 0.4857 (as R's fisher.test(TeaTasting) reports for the two-sided test).
    [[3, 1, 1, 3], 34 / 70, 6, 'the tea-tasting example'],
    // The dieting example of the Wikipedia article "Fisher's exact test" (dieting: 1 man, 9
    // women; not dieting: 11 men, 3 women); QI Macros' worked example of the same table
    // reports the two-sided p = 0.00276 (qimacros.com/qiwizard/fisher-exact-test.html).
    [[1, 9, 11, 3], 0.00276, 5, 'a clear difference'],
    // Calcugator's chi2_fisherexact example (contraceptive type × obesity, 11 women):
    // two-tails probability 0.0606060606.
    [[4, 0, 2, 5], 0.0606060606, 8, 'a zero cell'],
  ];
  for (const [[a, b, c, d], p, digits, why] of cases)
    it(`${a} ${b} / ${c} ${d}: ${why}`, () => expect(fisherExact(a, b, c, d)).toBeCloseTo(p, digits));
  it('identical groups: p = 1', () => expect(fisherExact(5, 15, 5, 15)).toBeCloseTo(1, 10));
  it('is symmetric in the two groups', () => expect(fisherExact(2, 18, 9, 11)).toBeCloseTo(fisherExact(9, 11, 2, 18), 12));
});

describe('variant verdicts', () => {
  const row = (name: string, delivered: number, replied: number) => rate(name, { sent: delivered, bounced: 0, replied, positive: 0 });
  it('names no winner below 20 delivered per variant', () => {
    expect(variantRates([row('A', 30, 3), row('B', 19, 9)]).map((v) => v.verdict)).toEqual(['baseline', 'too few sends to tell']);
  });
  it('reports the two-sided p against the first variant, and which way', () => {
    const [, b] = variantRates([row('A', 20, 1), row('B', 20, 11)]);
    expect(b!.p).toBeCloseTo(fisherExact(11, 9, 1, 19), 12);
    expect(b!.verdict).toMatch(/^better than A \(p = 0\.00\d\)$/);
    const [, c] = variantRates([row('A', 40, 8), row('C', 40, 9)]);
    expect(c!.verdict).toBe('no clear difference from A (p = 1.00)');
  });
});
