import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./stats.ts";

describe("percentile", () => {
  it("when the samples are 1..100, then p50 is 50, p99 is 99 and p100 is 100", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(sorted, 0)).toBe(1);
  });

  it("when there are no samples, then the percentile is NaN", () => {
    expect(percentile([], 50)).toBeNaN();
  });

  it("when p is outside 0..100 or NaN, then a RangeError is thrown", () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it("when any sample set is given, then the percentile is one of the samples with at least p% at or below it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1 }),
        fc.integer({ min: 0, max: 100 }),
        (xs, p) => {
          const sorted = [...xs].sort((a, b) => a - b);
          const v = percentile(sorted, p);
          expect(sorted).toContain(v);
          expect(sorted.filter((x) => x <= v).length / sorted.length).toBeGreaterThanOrEqual(p / 100);
        },
      ),
    );
  });
});

describe("summarize", () => {
  it("when samples are unsorted, then count, p50, p99, max and mean describe them", () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toEqual({ count: 5, p50: 3, p99: 5, max: 5, mean: 3 });
  });

  it("when samples include NaN or Infinity, then those are dropped", () => {
    const s = summarize([1, Number.NaN, 3, Number.POSITIVE_INFINITY]);
    expect(s.count).toBe(2);
    expect(s.max).toBe(3);
    expect(s.mean).toBe(2);
  });

  it("when there are no samples, then every figure but the count is NaN", () => {
    const s = summarize([]);
    expect(s.count).toBe(0);
    expect(s.p50).toBeNaN();
    expect(s.max).toBeNaN();
    expect(s.mean).toBeNaN();
  });
});
