/**
 * Erlang C against the hall-day simulator (issue 13, item 5: "Erlang C, checked against the simulator"): on an M/M/c
 * day that opens in steady state, the simulated mean wait's 95% confidence interval across seeds must hold Erlang C's
 * Wq. This checks both ways: the staffing advice's model, and the simulator (its arrivals, handle times and the real
 * call policy, which reorders who waits but not how much). A bounded, seeded run: fixed seeds, a fixed day, no timing.
 */
import { describe, expect, it } from "vitest";
import { erlangC } from "../domain/index.ts";
import { meanWithCi, seedMeanWait } from "./accuracy.ts";
import { simulateHallDay } from "./hallDay.ts";
import { parseScenario } from "./scenario.ts";

const SERVERS = 3;
const ARRIVALS_PER_HOUR = 24;
const HANDLE_MINUTES = 6;
const SEEDS = Array.from({ length: 60 }, (_, i) => 7001 + i);

/** M/M/3 at 80% load (λ = 0.4/min, s = 6 min, a = 2.4 erlangs), one item, an 8-hour day from steady state. */
const scenario = parseScenario({
  name: "M/M/3 at 80% load, steady-state start (Erlang C check)",
  timezone: "Asia/Shanghai",
  date: "2026-03-11",
  open: "08:00",
  issueUntil: 480,
  hourlyArrivals: [ARRIVALS_PER_HOUR],
  repeatHourlyArrivals: true,
  initialState: "stationary",
  items: [
    {
      code: "ONE",
      group: "ALL",
      share: 1,
      meanMinutes: HANDLE_MINUTES,
      cv: 1,
      distribution: "exponential",
      priorMinutes: 6,
    },
  ],
  windows: Array.from({ length: SERVERS }, (_, i) => ({ id: i + 1, skills: { ONE: 5 } })),
  seeds: SEEDS,
});

describe("Erlang C against the hall-day simulator", () => {
  it("when an M/M/3 day at 80% load is simulated over 60 seeds, then Erlang C's Wq lies in the mean wait's 95% CI", async () => {
    const means: number[] = [];
    // The README's M/M/c observation: every ticket issued in the day (zero waits included), the opening queue aside.
    for (const seed of SEEDS)
      means.push(seedMeanWait((await simulateHallDay(scenario, { seed, forecast: false })).tickets, 0));
    const { mean, halfWidth: half } = meanWithCi(means);
    const wq = erlangC({ arrivalsPerMinute: ARRIVALS_PER_HOUR / 60, handleMinutes: HANDLE_MINUTES, servers: SERVERS });
    // Erlang C: B(3, 2.4) = 0.2684, C = 0.6472, Wq = C × 6 / 0.6 = 6.47 minutes.
    expect(wq.meanWaitMinutes).toBeCloseTo(6.47, 2);
    expect(wq.meanWaitMinutes).toBeGreaterThanOrEqual(mean - half);
    expect(wq.meanWaitMinutes).toBeLessThanOrEqual(mean + half);
    // The interval is informative, not so wide that any model would pass: under a third of Wq either side.
    expect(half).toBeLessThan(wq.meanWaitMinutes / 3);
  }, 120_000);
});
