import { describe, expect, it } from "vitest";
import { estimateHandleMinutes, PRIOR_WEIGHT } from "./handleTimes.ts";

describe("estimateHandleMinutes", () => {
  it("when there is no history, then the catalogue's typical minutes", () => {
    expect(estimateHandleMinutes([], 8)).toEqual({ minutes: 8, observations: 0, dropped: 0 });
  });

  it("when history is short, then it is pulled toward the typical minutes (5 pseudo-observations)", () => {
    // (5 × 10 + 4 + 6) / (5 + 2) = 60 / 7.
    expect(estimateHandleMinutes([4, 6], 10).minutes).toBeCloseTo(60 / 7, 10);
  });

  it("when history is long, then it is close to the mean of the observations, not their median", () => {
    // Skewed: 90 × 4 min and 10 × 20 min: mean 5.6, median 4.
    const observed = [...Array<number>(90).fill(4), ...Array<number>(10).fill(20)];
    const { minutes, observations } = estimateHandleMinutes(observed, 10);
    expect(observations).toBe(100);
    expect(minutes).toBeCloseTo((PRIOR_WEIGHT * 10 + 90 * 4 + 10 * 20) / 105, 10);
  });

  it("when a ticket was left open over lunch, then it is dropped as an outlier", () => {
    const observed = [5, 6, 5.5, 4.5, 6.5, 5, 6, 180];
    const { minutes, dropped } = estimateHandleMinutes(observed, 5.5);
    expect(dropped).toBe(1);
    expect(minutes).toBeCloseTo((PRIOR_WEIGHT * 5.5 + 5 + 6 + 5.5 + 4.5 + 6.5 + 5 + 6) / 12, 10);
  });

  it("when values are absurd (mis-clicks, over 8 h, NaN), then they are dropped", () => {
    expect(estimateHandleMinutes([0.01, 500, Number.NaN, -2, 6], 6)).toEqual({
      minutes: 6,
      observations: 1,
      dropped: 4,
    });
  });

  it("when most services took the same time, then a value 20% off is kept, not cut by a zero spread", () => {
    const observed = [...Array<number>(10).fill(5), 6];
    expect(estimateHandleMinutes(observed, 5).observations).toBe(11);
  });

  it.each([0, -1, Number.NaN])("when the typical minutes are %d, then a RangeError is thrown", (typical) => {
    expect(() => estimateHandleMinutes([5], typical)).toThrow(RangeError);
  });
});
