/**
 * The hall-day simulator: repeatable by seed, every rule of the scenarios' README visible in a small day, and the
 * forecast as issued recorded for every arrival. Small seeded runs (a two-hour day), no timing.
 */
import { describe, expect, it } from "vitest";
import { simulateHallDay, stationaryMmcCount } from "./hallDay.ts";
import { parseScenario } from "./scenario.ts";
import { createRng } from "../domain/index.ts";

/** Two items, three windows with shared skills, a break, elderly tickets, no-shows and a walk: two hours. */
const smallDay = parseScenario({
  name: "small test day",
  timezone: "Asia/Shanghai",
  date: "2026-03-10",
  open: "09:00",
  issueUntil: 120,
  hourlyArrivals: [20, 26],
  elderlyShare: 0.15,
  noShowShare: 0.1,
  noShowMinutes: 1,
  walkMeanMinutes: 0.5,
  scoreMinWaitMinutes: 2,
  items: [
    { code: "SOC", group: "PEOPLE", share: 0.6, meanMinutes: 6, cv: 0.6, priorMinutes: 8 },
    { code: "BIZ", group: "BUSINESS", share: 0.4, meanMinutes: 12, cv: 0.5, priorMinutes: 10 },
  ],
  windows: [
    { id: 1, skills: { SOC: 5 }, breaks: [[40, 60]] },
    { id: 2, skills: { SOC: 3, BIZ: 3 } },
    { id: 3, skills: { BIZ: 5 } },
  ],
  seeds: [5],
});

describe("simulateHallDay", () => {
  it("when the same seed runs twice, then the day is the same; another seed gives another day", async () => {
    const a = await simulateHallDay(smallDay, {
      seed: 5,
      forecast: true,
      forecastOptions: { minRuns: 20, maxRuns: 20 },
    });
    const b = await simulateHallDay(smallDay, {
      seed: 5,
      forecast: true,
      forecastOptions: { minRuns: 20, maxRuns: 20 },
    });
    const c = await simulateHallDay(smallDay, {
      seed: 6,
      forecast: true,
      forecastOptions: { minRuns: 20, maxRuns: 20 },
    });
    expect(b).toEqual(a);
    expect(c.tickets.map((t) => t.arrivedMinute)).not.toEqual(a.tickets.map((t) => t.arrivedMinute));
  }, 60_000);

  it("when a day runs, then every arrival is called after it came, and was told a forecast that is 0 only with a free window", async () => {
    const day = await simulateHallDay(smallDay, {
      seed: 7,
      forecast: true,
      forecastOptions: { minRuns: 30, maxRuns: 30 },
    });
    expect(day.tickets.length).toBeGreaterThan(30);
    for (const t of day.tickets) {
      expect(t.calledMinute).not.toBeNull();
      expect(t.calledMinute!).toBeGreaterThanOrEqual(t.arrivedMinute);
      expect(t.arrivedMinute).toBeLessThan(120);
      const told = t.told!;
      expect(told.staffed).toBe(true);
      expect(told.lowMinutes).toBeLessThanOrEqual(told.meanMinutes);
      expect(told.meanMinutes).toBeLessThanOrEqual(told.highMinutes);
      // "0 minutes" exactly when a qualified window was free at issue, and then the call came at once.
      expect(told.meanMinutes === 0).toBe(told.windowFree);
      if (told.windowFree) expect(t.calledMinute).toBe(t.arrivedMinute);
    }
    expect(day.tickets.some((t) => t.noShow)).toBe(true);
    expect(day.tickets.some((t) => t.priority === "elderly")).toBe(true);
    // The day ends when the last service ends, after the last issue.
    expect(day.endMinute).toBeGreaterThan(120);
  }, 60_000);

  it("when a window takes its break, then it calls nobody from the break's start to its end, and others go on", async () => {
    // Window 1 breaks at 40 (or when its service then ends) until 60: a call by it in [40, 60) would break the rule.
    const day = await simulateHallDay(smallDay, { seed: 8, forecast: false });
    const byWindow1 = day.tickets.filter((t) => t.calledBy === 1).map((t) => t.calledMinute!);
    expect(byWindow1.filter((m) => m >= 40 && m < 60)).toEqual([]);
    expect(byWindow1.some((m) => m >= 60)).toBe(true);
    expect(day.tickets.some((t) => t.calledBy === 2 && t.calledMinute! >= 40 && t.calledMinute! < 60)).toBe(true);
  }, 60_000);
});

describe("simulateHallDay with the oracle", () => {
  it("when a day runs with the oracle, then the day is the one without it and every arrival has the oracle's forecast", async () => {
    const without = await simulateHallDay(smallDay, {
      seed: 9,
      forecast: true,
      forecastOptions: { minRuns: 10, maxRuns: 10 },
    });
    const day = await simulateHallDay(smallDay, {
      seed: 9,
      forecast: true,
      forecastOptions: { minRuns: 10, maxRuns: 10 },
      oracleRuns: 30,
    });
    expect(day.tickets.map(({ oracle: _, ...t }) => t)).toEqual(without.tickets);
    for (const t of day.tickets) {
      const o = t.oracle!;
      expect(o.lowMinutes).toBeLessThanOrEqual(o.meanMinutes);
      expect(o.meanMinutes).toBeLessThanOrEqual(o.highMinutes);
      // Called now in every run exactly when a qualified window was free at issue.
      expect(o.highMinutes === 0).toBe(t.told!.windowFree);
    }
  }, 60_000);

  it("when nothing to come can change a ticket's wait, then the oracle told each ticket its wait exactly", async () => {
    // One item of exactly 8 minutes, all normal, no walk, no no-show: first come, first served, and later arrivals
    // queue behind. The wait then follows from the state at issue (services in progress, breaks, queue): the oracle
    // must read that state as the simulator holds it, window 1's break (taken late if it is serving) included.
    const fixed = parseScenario({
      ...smallDay,
      hourlyArrivals: [16, 16],
      elderlyShare: 0,
      noShowShare: 0,
      walkMeanMinutes: 0,
      items: [{ code: "A", group: "G", share: 1, meanMinutes: 8, cv: 0, priorMinutes: 8 }],
      windows: [
        { id: 1, skills: { A: 5 }, breaks: [[30, 45]] },
        { id: 2, skills: { A: 5 }, breaks: [[70, 80]] },
      ],
    });
    const day = await simulateHallDay(fixed, { seed: 4, forecast: false, oracleRuns: 3 });
    const waits = day.tickets.map((t) => t.calledMinute! - t.arrivedMinute);
    expect(waits.filter((w) => w > 10).length).toBeGreaterThan(5);
    day.tickets.forEach((t, i) => expect(t.oracle!.meanMinutes).toBeCloseTo(waits[i]!, 6));
  }, 60_000);
});

describe("stationaryMmcCount", () => {
  it("when drawn many times, then the mean number in system is the M/M/c one (M/M/1 at ρ = 0.5: 1)", () => {
    const rng = createRng(3);
    const draws = Array.from({ length: 40_000 }, () => stationaryMmcCount(rng, 0.5, 1, 1));
    expect(draws.reduce((s, n) => s + n, 0) / draws.length).toBeCloseTo(1, 1);
    expect(() => stationaryMmcCount(rng, 1, 1, 1)).toThrow(RangeError);
  });
});
