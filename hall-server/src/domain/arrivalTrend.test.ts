import { describe, expect, it } from "vitest";
import { estimateArrivalTrend } from "./arrivalTrend.ts";

const NOW = Date.UTC(2026, 2, 11, 3, 0); // 11:00 in Shanghai; only differences matter
const minAgo = (m: number): number => NOW - m * 60_000;
/** `n` arrivals evenly spread over (from, to] minutes ago. */
const spread = (n: number, from: number, to: number): number[] =>
  Array.from({ length: n }, (_, k) => minAgo(from - ((k + 0.5) * (from - to)) / n));

describe("estimateArrivalTrend", () => {
  it("when arrivals are even, then the rate is count ÷ span and the trend steady", () => {
    const r = estimateArrivalTrend(spread(30, 60, 0), NOW);
    expect(r).toMatchObject({ spanMinutes: 60, count: 30, trend: "steady" });
    expect(r.perMinute).toBeCloseTo(0.5, 10);
    expect(r.planningPerMinute).toBeCloseTo(0.5, 10);
  });

  it("when the last half hour is clearly busier, then the trend rises and the plan extrapolates it", () => {
    // 10 then 30 arrivals: z = (30 − 20) / (√40 / 2) = 3.16 ≥ 2.
    const r = estimateArrivalTrend([...spread(10, 60, 30), ...spread(30, 30, 0)], NOW);
    expect(r.trend).toBe("rising");
    expect(r.earlierPerMinute).toBeCloseTo(1 / 3, 10);
    expect(r.recentPerMinute).toBeCloseTo(1, 10);
    // Slope 2/3 per 30 min; from the recent midpoint (−15) to the lookahead's middle (+15) is 30 min: 1 + 2/3.
    expect(r.planningPerMinute).toBeCloseTo(5 / 3, 10);
  });

  it("when a rise is within Poisson noise, then the trend is steady", () => {
    // 13 then 17: z = 4 / (√30 / 2) = 1.46 < 2.
    expect(estimateArrivalTrend([...spread(13, 60, 30), ...spread(17, 30, 0)], NOW).trend).toBe("steady");
  });

  it("when arrivals fall, then the plan uses the recent rate, not a downward extrapolation", () => {
    const r = estimateArrivalTrend([...spread(30, 60, 30), ...spread(6, 30, 0)], NOW);
    expect(r.trend).toBe("falling");
    expect(r.planningPerMinute).toBeCloseTo(0.2, 10);
  });

  it("when the rise is steep, then the plan is capped at twice the recent rate", () => {
    const r = estimateArrivalTrend([...spread(1, 60, 30), ...spread(40, 30, 0)], NOW, { lookaheadMinutes: 60 });
    expect(r.planningPerMinute).toBeCloseTo(2 * r.recentPerMinute, 10);
  });

  it("when the day opened 20 minutes ago, then the rate is over those 20 minutes", () => {
    const r = estimateArrivalTrend(spread(10, 20, 0), NOW, { openedAt: minAgo(20) });
    expect(r.spanMinutes).toBeCloseTo(20, 10);
    expect(r.perMinute).toBeCloseTo(0.5, 10);
  });

  it("when arrivals are older than the window or in the future, then they are ignored", () => {
    expect(estimateArrivalTrend([minAgo(61), minAgo(-1), minAgo(10)], NOW).count).toBe(1);
  });

  it("when nothing arrived or no time passed, then every rate is 0", () => {
    expect(estimateArrivalTrend([], NOW)).toMatchObject({ perMinute: 0, planningPerMinute: 0, trend: "steady" });
    expect(estimateArrivalTrend([NOW], NOW, { openedAt: NOW })).toMatchObject({ spanMinutes: 0, planningPerMinute: 0 });
  });

  it.each([{ windowMinutes: 0 }, { windowMinutes: Number.NaN }, { lookaheadMinutes: -1 }])(
    "when the options are %j, then a RangeError is thrown",
    (options) => {
      expect(() => estimateArrivalTrend([], NOW, options)).toThrow(RangeError);
    },
  );
});
