/** Self-calibration of the wait forecast: hand-checked factors. */
import { describe, expect, it } from "vitest";
import { calibrate, WaitCalibration } from "./waitCalibration.ts";

const fed = (outcomes: [number, number, number][], options = {}) => {
  const c = new WaitCalibration(options);
  for (const [toldMean, toldHigh, actual] of outcomes) c.observe({ toldMean, toldHigh, actual });
  return c;
};

describe("WaitCalibration", () => {
  it("when nothing was observed, then nothing is corrected", () => {
    expect(new WaitCalibration().factors()).toEqual({ point: 1, high: 1, outcomes: 0 });
  });

  it("when tickets waited twice what they were told, every time, then the point doubles", () => {
    const c = fed(Array.from({ length: 20 }, () => [10, 15, 20] as [number, number, number]));
    expect(c.factors().point).toBeCloseTo(2, 10);
  });

  it("when the ratio's departure from 1 is within its noise, then the point is left alone", () => {
    // Told 10; the first 10 waited 2, the last 10 waited 20 (a queue's errors come in runs): k = 1.1; batch ratios
    // 0.2 and 2.0, five each: se² = (10 × 0.81 ÷ 9) ÷ 10 = 0.09 > (k − 1)² = 0.01.
    const c = fed(Array.from({ length: 20 }, (_, i) => [10, 15, i < 10 ? 2 : 20] as [number, number, number]));
    expect(c.factors().point).toBe(1);
  });

  it("when the departure stands partly out of the noise, then it is shrunk by 1 − se² ÷ (k − 1)²", () => {
    // Told 10; the first 10 waited 14, the last 10 waited 16: k = 1.5; batch ratios 1.4 and 1.6, five each:
    // se² = (10 × 0.01 ÷ 9) ÷ 10.
    const c = fed(Array.from({ length: 20 }, (_, i) => [10, 15, i < 10 ? 14 : 16] as [number, number, number]));
    const se2 = 0.1 / 9 / 10;
    expect(c.factors().point).toBeCloseTo(1 + 0.5 * (1 - se2 / 0.25), 10);
  });

  it("when there are fewer outcomes than `minOutcomes`, then nothing is corrected yet", () => {
    const c = fed(Array.from({ length: 19 }, () => [10, 15, 30] as [number, number, number]));
    expect(c.factors()).toEqual({ point: 1, high: 1, outcomes: 19 });
  });

  it("when the forecast was right on average, then the point is left alone", () => {
    const c = fed([
      [10, 15, 5],
      [10, 15, 15],
    ]);
    expect(c.factors().point).toBeCloseTo(1, 10);
  });

  it("when there are enough outcomes, then the top scales by the ⌈(n+1)(1−α)⌉-th smallest actual ÷ top", () => {
    // 20 outcomes, tops 10, actuals 1..20: scores 0.1..2.0; rank ⌈21 × 0.9⌉ = 19 -> 1.9.
    const c = fed(Array.from({ length: 20 }, (_, i) => [5, 10, i + 1] as [number, number, number]));
    expect(c.factors().high).toBeCloseTo(1.9, 10);
  });

  it("when one stretch of the day ran wild, then both factors stay within their bounds", () => {
    const c = fed(Array.from({ length: 150 }, () => [1, 2, 60] as [number, number, number]));
    expect(c.factors()).toEqual({ point: 2.5, high: 2.5, outcomes: 150 });
  });

  it("when a ticket was told under a minute, or a figure is not a number, then it is not an outcome", () => {
    const c = fed([
      [0.5, 1, 30],
      [Number.NaN, 1, 3],
      [5, 8, -1],
    ]);
    expect(c.factors().outcomes).toBe(0);
  });

  it("when more than `keep` outcomes arrive, then only the most recent count", () => {
    const early = Array.from({ length: 30 }, () => [10, 15, 40] as [number, number, number]);
    const late = Array.from({ length: 30 }, () => [10, 15, 10] as [number, number, number]);
    expect(fed([...early, ...late], { keep: 30 }).factors().point).toBeCloseTo(1, 10);
  });
});

describe("calibrate", () => {
  it("scales the point and bottom by the point factor and the top by its own, keeping low ≤ mean ≤ high", () => {
    const raw = { meanMinutes: 10, lowMinutes: 6, highMinutes: 14, calledShare: 1 };
    expect(calibrate(raw, { point: 1.5, high: 1.2, outcomes: 40 })).toEqual({
      meanMinutes: 15,
      lowMinutes: 9,
      highMinutes: 16.8,
      calledShare: 1,
    });
    // A top factor below the point factor never puts the top under the point.
    expect(calibrate(raw, { point: 2, high: 1, outcomes: 40 }).highMinutes).toBe(20);
  });
});
