import { describe, expect, it } from "vitest";
import { learnHandleTime, logNormalMeanBeyond, sampleHandle, sampleHandleRemaining } from "./handleTimes.ts";
import { createRng, exponential, logNormalOf, normalCdf, normalQuantile } from "./random.ts";

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe("learnHandleTime", () => {
  it("when the item has no history, then the model is the catalogue's typical minutes", () => {
    const m = learnHandleTime({ minutes: 12 }, []);
    expect(m.meanMinutes).toBe(12);
    expect(m.observations).toBe(0);
  });

  it("when the hall has data, then they outweigh the prior (8 pseudo-observations)", () => {
    // 72 services of 6 minutes against a prior of 10: (8 × 10 + 72 × 6) ÷ 80 = 6.4.
    expect(learnHandleTime({ minutes: 10 }, Array(72).fill(6)).meanMinutes).toBeCloseTo(6.4, 9);
  });

  it("when a ticket was left open for hours or closed by a mis-click, then the mean hardly moves", () => {
    const steady = Array.from({ length: 60 }, (_, i) => 8 + (i % 5) - 2);
    const base = learnHandleTime({ minutes: 8 }, steady).meanMinutes;
    // 300 minutes is sane (under 8 h) but far outside the others: winsorised to median + 3 robust sd.
    const withOutliers = learnHandleTime({ minutes: 8 }, [...steady, 300, 0.01, 9999]).meanMinutes;
    expect(Math.abs(withOutliers - base)).toBeLessThan(0.5);
    // A plain mean would have moved by about 300 ÷ 63 ≈ 4.6 minutes.
  });

  it("when long services are still in progress, then the mean counts them (finished ones alone are the short ones)", () => {
    const finished = [3, 5, 8, 12, 6, 4, 9];
    const without = learnHandleTime({ minutes: 7, weight: 1 }, finished).meanMinutes;
    const withRunning = learnHandleTime({ minutes: 7, weight: 1 }, finished, [14, 18]).meanMinutes;
    // Each running one counts as at least what it has lasted: (7 + 47 + 14 + 18) ÷ 10 = 8.6 at the very least.
    expect(without).toBeCloseTo(54 / 8, 9);
    expect(withRunning).toBeGreaterThan(8.6);
  });

  it("when draws come from an exponential history, then the mean and the memoryless remainder are kept", () => {
    const rng = createRng(9);
    const m = learnHandleTime(
      { minutes: 6 },
      Array.from({ length: 2000 }, () => exponential(rng, 6)),
    );
    expect(mean(Array.from({ length: 20_000 }, () => sampleHandle(rng, m)))).toBeCloseTo(6, 0);
    // 5 minutes into a service the rest is still about 6 minutes (a lognormal fit would say more).
    expect(mean(Array.from({ length: 20_000 }, () => sampleHandleRemaining(rng, m, 5)))).toBeCloseTo(6, 0);
  });
});

describe("distributions", () => {
  it("when the normal quantile and CDF are composed, then they invert each other", () => {
    for (const p of [0.001, 0.1, 0.5, 0.9, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });

  it("when a lognormal is set by mean and cv, then its draws have that mean, and E[X | X > e] exceeds e", () => {
    const rng = createRng(4);
    const d = logNormalOf(10, 0.5);
    const draws = Array.from({ length: 50_000 }, () =>
      Math.exp(d.mu + d.sigma * normalQuantile(rng.next() * 0.999999 + 5e-7)),
    );
    expect(mean(draws)).toBeCloseTo(10, 0);
    expect(logNormalMeanBeyond(d, 0)).toBeCloseTo(10, 6);
    expect(logNormalMeanBeyond(d, 15)).toBeGreaterThan(15);
    expect(() => logNormalOf(0, 1)).toThrow(RangeError);
  });
});
