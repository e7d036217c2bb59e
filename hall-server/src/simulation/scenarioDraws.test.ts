/** The scenario's draws and break rule that the simulator and the oracle share (README rules). Seeded, no timing. */
import { describe, expect, it } from "vitest";
import { createRng } from "../domain/index.ts";
import { parseScenario } from "./scenario.ts";
import { arrivalsPerMinute, nextArrivalMinute, takeDueBreak } from "./scenarioDraws.ts";
import { minimalScenarioFile } from "./testing.ts";

const day = (over: Record<string, unknown>) => parseScenario({ ...minimalScenarioFile, issueUntil: 240, ...over });

/** Every arrival of one day from minute 0. */
function arrivals(s: ReturnType<typeof day>, seed = 1): number[] {
  const rng = createRng(seed);
  const out: number[] = [];
  for (let t = nextArrivalMinute(rng, s, 0); t < Infinity; t = nextArrivalMinute(rng, s, t)) out.push(t);
  return out;
}

describe("takeDueBreak", () => {
  it.each([
    { now: 50, breaks: [[60, 90]], taken: undefined, left: [[60, 90]], why: "not begun" },
    { now: 60, breaks: [[60, 90]], taken: [60, 90], left: [], why: "begins now" },
    { now: 75, breaks: [[60, 90]], taken: [60, 90], left: [], why: "begun while serving: taken late" },
    { now: 90, breaks: [[60, 90]], taken: undefined, left: [], why: "ended: dropped" },
    {
      now: 95,
      breaks: [
        [60, 90],
        [92, 99],
      ],
      taken: [92, 99],
      left: [],
      why: "one ended, the next begun",
    },
  ] as { now: number; breaks: [number, number][]; taken?: [number, number]; left: [number, number][]; why: string }[])(
    "when a window is free at $now with breaks $breaks ($why), then it takes $taken",
    (c) => {
      const breaks = c.breaks.map((b) => [...b] as [number, number]);
      expect(takeDueBreak(breaks, c.now)).toEqual(c.taken);
      expect(breaks).toEqual(c.left);
    },
  );
});

describe("nextArrivalMinute", () => {
  it("when issuing ends at minute 90, then every arrival comes before it and none after", () => {
    const s = day({ issueUntil: 90, hourlyArrivals: [600], repeatHourlyArrivals: true });
    const all = arrivals(s);
    expect(all.length).toBeGreaterThan(700);
    expect(Math.max(...all)).toBeLessThan(90);
    expect(nextArrivalMinute(createRng(2), s, 90)).toBe(Infinity);
  });

  it("when an hour's rate is zero, then nobody arrives in it, and the list does not repeat unless asked", () => {
    const s = day({ hourlyArrivals: [120, 0, 120] });
    const all = arrivals(s);
    expect(all.filter((t) => t >= 60 && t < 120)).toEqual([]);
    expect(all.filter((t) => t >= 180)).toEqual([]);
    expect(all.filter((t) => t < 60).length).toBeGreaterThan(80);
    expect(arrivalsPerMinute(s, 2)).toBe(2);
    expect(arrivalsPerMinute(day({ hourlyArrivals: [120, 0, 60], repeatHourlyArrivals: true, load: 1.5 }), 5)).toBe(
      1.5,
    );
  });
});
