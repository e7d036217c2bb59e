/**
 * The staffing advice's split of a shared staff member (domain/sharedServers.ts) against the hall-day simulator. The
 * split treats each group as its own queue with a share of the shared person; on the floor that person serves
 * whichever group has waited longest, which pools the groups and shortens waits. So the split reading is expected to
 * err on the side of too long a wait (advice to open a window a little early), never too short. This seeded run
 * shows it and measures by how much (see the README's staffing-advice limits).
 */
import { describe, expect, it } from "vitest";
import { adviseStaffing } from "../domain/index.ts";
import { simulateHallDay } from "./hallDay.ts";
import { parseScenario } from "./scenario.ts";

// A: 30/h × 6 min = 3 erlangs on windows 1-3; B: 9/h × 10 min = 1.5 erlangs on window 4; window 5 serves both.
const scenario = parseScenario({
  name: "two groups sharing one window, exponential services",
  timezone: "Asia/Shanghai",
  date: "2026-03-11",
  open: "08:00",
  issueUntil: 480,
  hourlyArrivals: [39],
  repeatHourlyArrivals: true,
  items: [
    { code: "A", group: "A", share: 30, meanMinutes: 6, cv: 1, distribution: "exponential", priorMinutes: 6 },
    { code: "B", group: "B", share: 9, meanMinutes: 10, cv: 1, distribution: "exponential", priorMinutes: 10 },
  ],
  windows: [
    ...[1, 2, 3].map((id) => ({ id, skills: { A: 5 } })),
    { id: 4, skills: { B: 5 } },
    { id: 5, skills: { A: 5, B: 5 } },
  ],
  seeds: [1],
});
const SEEDS = Array.from({ length: 20 }, (_, i) => 9001 + i);
const WARMUP_MINUTES = 60; // the day opens empty: skip the first hour

/** The advice for the scenario's true rates: 60 minutes of evenly spread arrivals, the true mean handle times. */
function splitReading(): Map<string, number | null> {
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
      { groupCode: "A", arrivalsMs: spread(30), handleMinutes: 6, waiting: 0 },
      { groupCode: "B", arrivalsMs: spread(9), handleMinutes: 10, waiting: 0 },
    ],
    servers: scenario.windows.map((w) => ({ windowNumber: w.id, groups: Object.keys(w.skills) })),
  });
  return new Map(advice.groups.map((g) => [g.code, g.expectedWaitMinutes]));
}

describe("staffing advice with a shared staff member, against the hall-day simulator", () => {
  it("when one person serves two groups, then the split reading never promises a shorter wait than the day shows", async () => {
    const means = new Map<string, number[]>([
      ["A", []],
      ["B", []],
    ]);
    for (const seed of SEEDS) {
      const day = await simulateHallDay(scenario, { seed, forecast: false });
      for (const [code, list] of means) {
        const waits = day.tickets
          .filter((t) => t.itemCode === code && t.arrivedMinute >= WARMUP_MINUTES)
          .map((t) => t.calledMinute! - t.arrivedMinute);
        list.push(waits.reduce((s, w) => s + w, 0) / waits.length);
      }
    }
    const reading = splitReading();
    for (const [code, list] of means) {
      const mean = list.reduce((s, x) => s + x, 0) / list.length;
      const told = reading.get(code);
      expect(told).not.toBeNull();
      expect(told!).toBeGreaterThan(mean);
    }
  }, 120_000);
});
