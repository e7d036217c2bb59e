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

describe("stationaryMmcCount", () => {
  it("when drawn many times, then the mean number in system is the M/M/c one (M/M/1 at ρ = 0.5: 1)", () => {
    const rng = createRng(3);
    const draws = Array.from({ length: 40_000 }, () => stationaryMmcCount(rng, 0.5, 1, 1));
    expect(draws.reduce((s, n) => s + n, 0) / draws.length).toBeCloseTo(1, 1);
    expect(() => stationaryMmcCount(rng, 1, 1, 1)).toThrow(RangeError);
  });
});
