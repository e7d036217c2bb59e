import { describe, expect, it } from "vitest";
import { defaultCallPolicy, type CallPolicyConfig } from "../callPolicy.ts";
import type { WaitingTicket } from "../waitingQueues.ts";
import { forecastWaits, type ArrivalRate, type ForecastWindow, type HallModel } from "./forecastWaits.ts";
import { learnHandleTime } from "./handleTimes.ts";

const NOW = Date.parse("2026-03-10T10:00:00+08:00");
const MIN = 60_000;
const A = 1;
const B = 2;

/** Every service takes exactly `minutes` (no prior in the mixture, identical observations): waits are hand-checkable. */
const fixed = (minutes: number) => learnHandleTime({ minutes, weight: 0 }, [minutes, minutes, minutes]);

function model(arrivals: ArrivalRate[] = [], minutes = 10): HallModel {
  return {
    handleTimes: new Map([
      [A, fixed(minutes)],
      [B, fixed(minutes)],
    ]),
    defaultHandleTime: fixed(minutes),
    walkMeanMinutes: 0,
    noShowShare: 0,
    noShowMinutes: 1,
    arrivals,
  };
}

const ticket = (id: number, itemId: number, minutesAgo: number, priority: WaitingTicket["priority"] = "normal") => ({
  id,
  itemId,
  priority,
  arrivedAt: NOW - minutesAgo * MIN,
});

const window = (
  windowId: number,
  items: [number, number][],
  busyMinutes: number | null,
  itemId = A,
): ForecastWindow => ({
  windowId,
  staffId: 100 + windowId,
  eligibleItems: new Map(items),
  priorityStreak: 0,
  // Busy for `busyMinutes` of a 10-minute service: it ends in 10 − busyMinutes.
  busy: busyMinutes === null ? null : { itemId, phase: "serving", sinceMs: NOW - busyMinutes * MIN },
});

function run(
  waiting: WaitingTicket[],
  windows: ForecastWindow[],
  m: HallModel = model(),
  policy: CallPolicyConfig = defaultCallPolicy,
) {
  return forecastWaits({
    nowMs: NOW,
    waiting,
    windows,
    model: m,
    policy,
    runs: 200,
    seed: 1,
    probes: [{ itemId: A, priority: "normal" }],
  });
}

describe("forecastWaits: hand-checked cases (10-minute services, no walk, no no-shows)", () => {
  const cases: {
    name: string;
    waiting: WaitingTicket[];
    windows: ForecastWindow[];
    model?: HallModel;
    policy?: CallPolicyConfig;
    expected: Record<number, number>;
  }[] = [
    {
      // A qualified window is free: the ticket is called now, the only case that gives 0.
      name: "free window: one ticket, one idle window that serves its item",
      waiting: [ticket(1, A, 1)],
      windows: [window(1, [[A, 5]], null)],
      expected: { 1: 0 },
    },
    {
      // The window is 4 minutes into a 10-minute service: 6, then 10 more per ticket ahead.
      name: "one item, one window: 6, 16, 26 minutes",
      waiting: [ticket(1, A, 3), ticket(2, A, 2), ticket(3, A, 1)],
      windows: [window(1, [[A, 5]], 4)],
      expected: { 1: 6, 2: 16, 3: 26 },
    },
    {
      // Window 1 serves A only and frees at 5: A1. Window 2 serves A and B (same weight) and frees at 10: B1 has
      // waited longer than A2, so B1. Window 1 again at 15: A2. (The old rule told A2: 1 ahead × 10 ÷ 2 staff = 5.)
      name: "shared multi-skill staff: the other item's ticket takes the shared window",
      waiting: [ticket(1, B, 3), ticket(2, A, 2), ticket(3, A, 1)],
      windows: [
        window(1, [[A, 5]], 5),
        window(
          2,
          [
            [A, 5],
            [B, 5],
          ],
          0,
        ),
      ],
      expected: { 2: 5, 1: 10, 3: 15 },
    },
    {
      // Same hall, but window 2's A skill weighs 5 and B 1: at 10, A3 scores 11 + 5×2 = 21 against B's 13 + 1×2 =
      // 15, so A3 goes first; B1 waits for window 2's next turn at 20 (window 1 never serves B).
      name: "shared multi-skill staff with skill weights: the stronger skill pulls its ticket forward",
      waiting: [ticket(1, B, 3), ticket(2, A, 2), ticket(3, A, 1)],
      windows: [
        window(1, [[A, 5]], 5),
        window(
          2,
          [
            [A, 5],
            [B, 1],
          ],
          0,
        ),
      ],
      expected: { 2: 5, 3: 10, 1: 20 },
    },
    {
      // Elderly tickets arrive many times a minute: at 10, 20 and 30 the window calls one (3 priority calls per
      // normal), and only at 40 the waiting normal ticket. Without the arrivals it would be called at 10.
      name: "priority arrivals jump ahead within the 3:1 ratio",
      waiting: [ticket(1, A, 1)],
      windows: [window(1, [[A, 5]], 0)],
      model: model([{ itemId: A, priority: "elderly", perMinute: 10 }]),
      expected: { 1: 40 },
    },
    {
      name: "priority arrivals with strict alternation (priorityPerNormal 1)",
      waiting: [ticket(1, A, 1)],
      windows: [window(1, [[A, 5]], 0)],
      model: model([{ itemId: A, priority: "elderly", perMinute: 10 }]),
      policy: { ...defaultCallPolicy, priorityPerNormal: 1 },
      expected: { 1: 20 },
    },
    {
      name: "a waiting elderly ticket goes before the normal one that came earlier",
      waiting: [ticket(1, A, 5), ticket(2, A, 1, "elderly")],
      windows: [window(1, [[A, 5]], 0)],
      expected: { 2: 10, 1: 20 },
    },
  ];

  it.each(cases)("when $name, then the forecast is the hand-checked wait", (c) => {
    const result = run(c.waiting, c.windows, c.model, c.policy);
    for (const [id, minutes] of Object.entries(c.expected)) {
      const f = result.tickets.get(Number(id))!;
      expect(f.meanMinutes, `ticket ${id}`).toBeCloseTo(minutes, 6);
      expect(f.lowMinutes, `ticket ${id} low`).toBeCloseTo(minutes, 6);
      expect(f.highMinutes, `ticket ${id} high`).toBeCloseTo(minutes, 6);
      expect(f.calledShare).toBe(1);
    }
  });
});

describe("forecastWaits: probes, ranges and edges", () => {
  it("when no ticket waits and a window is free, then a new ticket's probe is 0; when it is busy, the rest of its service", () => {
    expect(run([], [window(1, [[A, 5]], null)]).probes[0]!.meanMinutes).toBe(0);
    expect(run([], [window(1, [[A, 5]], 7)]).probes[0]!.meanMinutes).toBeCloseTo(3, 6);
  });

  it("when a probe is called, then it takes no service time from the tickets behind it", () => {
    // Ticket 2 is behind the probe's elderly twin in the policy's order, yet still waits 6 + 10.
    const result = forecastWaits({
      nowMs: NOW,
      waiting: [ticket(1, A, 3), ticket(2, A, 2)],
      windows: [window(1, [[A, 5]], 4)],
      model: model(),
      policy: defaultCallPolicy,
      runs: 50,
      seed: 3,
      probes: [{ itemId: A, priority: "elderly" }],
    });
    expect(result.probes[0]!.meanMinutes).toBeCloseTo(6, 6);
    expect(result.tickets.get(2)!.meanMinutes).toBeCloseTo(16, 6);
  });

  it("when no window signed in may take a ticket, then it has no forecast (NaN, called in no run)", () => {
    const f = run([ticket(1, B, 1)], [window(1, [[A, 5]], null)]).tickets.get(1)!;
    expect(f.calledShare).toBe(0);
    expect(f.meanMinutes).toBeNaN();
  });

  it("when a ticket was transferred to a window, then only that window takes it", () => {
    const targeted = { ...ticket(1, B, 2), targetWindowId: 2 };
    const result = run(
      [targeted],
      [
        window(
          1,
          [
            [A, 5],
            [B, 5],
          ],
          null,
        ),
        window(2, [[A, 5]], 8),
      ],
    );
    expect(result.tickets.get(1)!.meanMinutes).toBeCloseTo(2, 6);
  });

  it("when handle times vary, then the range brackets the mean and the same seed repeats the forecast", () => {
    const varied: HallModel = {
      ...model(),
      handleTimes: new Map([[A, learnHandleTime({ minutes: 10, cv: 0.8 }, [4, 7, 9, 12, 18, 25])]]),
    };
    const waiting = [ticket(1, A, 3), ticket(2, A, 2), ticket(3, A, 1)];
    const windows = [window(1, [[A, 5]], 4), window(2, [[A, 5]], 1)];
    const first = run(waiting, windows, varied);
    for (const [, f] of first.tickets.entries()) {
      expect(f.lowMinutes).toBeLessThanOrEqual(f.meanMinutes);
      expect(f.meanMinutes).toBeLessThanOrEqual(f.highMinutes);
      expect(f.highMinutes).toBeGreaterThan(f.lowMinutes);
    }
    expect(run(waiting, windows, varied)).toEqual(first);
  });

  it("when runs is not at least 1, then it refuses", () => {
    expect(() =>
      forecastWaits({
        nowMs: NOW,
        waiting: [],
        windows: [],
        model: model(),
        policy: defaultCallPolicy,
        runs: 0,
        seed: 1,
      }),
    ).toThrow(RangeError);
  });
});
