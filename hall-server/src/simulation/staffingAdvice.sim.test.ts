/**
 * The staffing advice's reading of shared staff (domain/staffingAdvice.ts: each group's pool of windows, with the work
 * other groups bring to its shared people) against the hall-day simulator, on seeded days of two groups:
 * - every window serves both groups (一窗综合受理): the pool is the hall, and its Erlang C wait must lie in the
 *   simulated mean wait's 95% confidence interval for each group;
 * - one window shared, the others dedicated: the fixed split of the shared person ignores that they serve whichever
 *   group has waited longest, so the reading must err long (advice to open a window early), never short.
 */
import { describe, expect, it } from "vitest";
import { adviseStaffing } from "../domain/index.ts";
import { meanWithCi } from "./accuracy.ts";
import { simulateHallDay } from "./hallDay.ts";
import { parseScenario } from "./scenario.ts";

// A: 24/h × 6 min = 2.4 erlangs; B: 6/h × 10 min = 1 erlang; 68% load on 5 windows, low enough that a day opening
// empty settles within the hour skipped (at 90% M/M/5 needs hours to reach its steady state). Partly shared:
// windows 1-3 serve A, 4 serves B, 5 serves both.
const PARTLY_SHARED = [
  ...[1, 2, 3].map((id) => ({ id, skills: { A: 5 } })),
  { id: 4, skills: { B: 5 } },
  { id: 5, skills: { A: 5, B: 5 } },
];
const ALL_SHARED = [1, 2, 3, 4, 5].map((id) => ({ id, skills: { A: 5, B: 5 } }));
const dayOf = (windows: typeof PARTLY_SHARED) =>
  parseScenario({
    name: "two groups, exponential services",
    timezone: "Asia/Shanghai",
    date: "2026-03-11",
    open: "08:00",
    issueUntil: 480,
    hourlyArrivals: [30],
    repeatHourlyArrivals: true,
    items: [
      { code: "A", group: "A", share: 24, meanMinutes: 6, cv: 1, distribution: "exponential", priorMinutes: 6 },
      { code: "B", group: "B", share: 6, meanMinutes: 10, cv: 1, distribution: "exponential", priorMinutes: 10 },
    ],
    windows,
    seeds: [1],
  });
const SEEDS = Array.from({ length: 20 }, (_, i) => 9001 + i);
const WARMUP_MINUTES = 60; // the day opens empty: skip the first hour

/** The advice's expected wait per group for the true rates: an hour of evenly spread arrivals, the true means. */
function reading(windows: typeof PARTLY_SHARED): Map<string, number | null> {
  const now = 10 * 3_600_000;
  const spread = (n: number) => Array.from({ length: n }, (_, k) => now - (60 - ((k + 0.5) * 60) / n) * 60_000);
  const advice = adviseStaffing({
    nowMs: now,
    openedAt: 0,
    groups: [
      { code: "A", name: "A", targetWaitMinutes: 15 },
      { code: "B", name: "B", targetWaitMinutes: 15 },
    ],
    items: [
      { groupCode: "A", arrivalsMs: spread(24), handleMinutes: 6, waiting: 0 },
      { groupCode: "B", arrivalsMs: spread(6), handleMinutes: 10, waiting: 0 },
    ],
    servers: windows.map((w) => ({ windowNumber: w.id, groups: Object.keys(w.skills) })),
  });
  return new Map(advice.groups.map((g) => [g.code, g.expectedWaitMinutes]));
}

/** Per group: the mean over seeds of each day's mean wait after the warm-up, and its 95% half-width. */
async function simulated(windows: typeof PARTLY_SHARED): Promise<Map<string, { mean: number; halfWidth: number }>> {
  const perSeed = new Map<string, number[]>([
    ["A", []],
    ["B", []],
  ]);
  const scenario = dayOf(windows);
  for (const seed of SEEDS) {
    const day = await simulateHallDay(scenario, { seed, forecast: false });
    for (const [code, list] of perSeed) {
      const waits = day.tickets
        .filter((t) => t.itemCode === code && t.arrivedMinute >= WARMUP_MINUTES)
        .map((t) => t.calledMinute! - t.arrivedMinute);
      list.push(waits.reduce((s, w) => s + w, 0) / waits.length);
    }
  }
  return new Map([...perSeed].map(([code, list]) => [code, meanWithCi(list)]));
}

describe("staffing advice with shared staff, against the hall-day simulator", () => {
  it("when every window serves both groups, then each group's reading lies in its simulated 95% CI", async () => {
    const told = reading(ALL_SHARED);
    for (const [code, { mean, halfWidth: half }] of await simulated(ALL_SHARED)) {
      expect(told.get(code)).toBeGreaterThanOrEqual(mean - half);
      expect(told.get(code)).toBeLessThanOrEqual(mean + half);
    }
  }, 120_000);

  it("when one person serves two groups, then the reading never promises a shorter wait than the days show", async () => {
    const told = reading(PARTLY_SHARED);
    for (const [code, { mean }] of await simulated(PARTLY_SHARED)) {
      expect(told.get(code)).not.toBeNull();
      expect(told.get(code)!).toBeGreaterThan(mean);
    }
  }, 120_000);
});
