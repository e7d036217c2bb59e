import { describe, expect, it } from "vitest";
import { adviseStaffing, type StaffingInput } from "./staffingAdvice.ts";

const NOW = Date.parse("2026-03-11T11:00:00+08:00");
const OPENED = NOW - 3 * 3_600_000;
/** `n` arrivals evenly spread over (from, to] minutes ago. */
const spread = (n: number, from: number, to: number): number[] =>
  Array.from({ length: n }, (_, k) => NOW - (from - ((k + 0.5) * (from - to)) / n) * 60_000);
const windows = (numbers: number[], groups: string[]) => numbers.map((windowNumber) => ({ windowNumber, groups }));

/** One group "A": 36 arrivals in the last hour (0.6/min), 6-minute services: the M/M/c hall (a = 3.6). */
function mmcHall(servers: number, target = 15, waiting = 0): StaffingInput {
  return {
    nowMs: NOW,
    openedAt: OPENED,
    groups: [{ code: "A", name: "综合受理", targetWaitMinutes: target }],
    items: [{ groupCode: "A", arrivalsMs: spread(36, 60, 0), handleMinutes: 6, waiting }],
    servers: windows(
      Array.from({ length: servers }, (_, k) => k + 1),
      ["A"],
    ),
  };
}

describe("adviseStaffing: one group, dedicated windows (hand-checked by Erlang C)", () => {
  it("when 4 windows serve a = 3.6 with a 15-minute target, then Wq = 11.8 and the windows are kept", () => {
    const [a] = adviseStaffing(mmcHall(4)).groups;
    expect(a).toMatchObject({
      arrivals: { perHour: 36, planningPerHour: 36, trend: "steady", spanMinutes: 60 },
      handleMinutes: 6,
      offeredLoad: 3.6,
      windowsNow: 4,
      stable: true,
      expectedWaitMinutes: 11.8,
      windowsNeeded: 4,
      action: "keep",
      actionWindows: 0,
    });
    expect(a!.reason["zh-CN"]).toContain("窗口数合适");
    expect(a!.reason.en).toContain("about 12 min (target: 15 min)");
  });

  it("when the target is 10 minutes, then 5 windows are needed: open 1", () => {
    expect(adviseStaffing(mmcHall(4, 10)).groups[0]).toMatchObject({
      windowsNeeded: 5,
      action: "open",
      actionWindows: 1,
    });
  });

  it("when only 2 windows serve it, then it is unstable (no finite wait) and 2 more are needed", () => {
    const [a] = adviseStaffing(mmcHall(2)).groups;
    expect(a).toMatchObject({
      stable: false,
      expectedWaitMinutes: null,
      windowsNeeded: 4,
      action: "open",
      actionWindows: 2,
    });
    expect(a!.reason["zh-CN"]).toContain("越排越长");
    expect(a!.reason.en).toContain("cannot keep up");
  });

  it("when 6 windows serve it, then one fewer still keeps the wait under half the target: close 1", () => {
    // Half of 15 is 7.5; Wq(5) = 1.76 ≤ 7.5 and Wq(4) = 11.8 > 7.5: 5 are enough, 1 is spare.
    expect(adviseStaffing(mmcHall(6)).groups[0]).toMatchObject({ action: "close", actionWindows: 1 });
  });

  it("when 20 people already wait, then the windows must call them within the target too", () => {
    // 20 × 6 min ÷ 15 min = 8 windows, though Erlang C alone asks for 4.
    const [a] = adviseStaffing(mmcHall(4, 15, 20)).groups;
    expect(a).toMatchObject({ windowsNeeded: 8, action: "open", actionWindows: 4, queueClearMinutes: 30 });
    expect(a!.reason["zh-CN"]).toContain("已有20人在等");
  });

  it("when arrivals are rising, then the advice plans for the projected rate before the queue builds", () => {
    // 12 then 24 arrivals in the two half hours: z = 12 / (√36 / 2) = 4; recent 0.8/min, earlier 0.4/min,
    // projected 0.8 + 0.4 = 1.2/min: a = 7.2 erlangs, so 4 windows (enough for now: a = 3.6) are far from enough.
    const input = mmcHall(4);
    input.items = [
      { groupCode: "A", arrivalsMs: [...spread(12, 60, 30), ...spread(24, 30, 0)], handleMinutes: 6, waiting: 0 },
    ];
    const [a] = adviseStaffing(input).groups;
    expect(a!.arrivals).toMatchObject({
      perHour: 36,
      earlierPerHour: 24,
      recentPerHour: 48,
      trend: "rising",
      planningPerHour: 72,
    });
    expect(a).toMatchObject({ offeredLoad: 7.2, windowsNeeded: 8, action: "open", actionWindows: 4 });
    expect(a!.reason["zh-CN"]).toContain("来人正在增多");
  });

  it("when arrivals are falling, then no window is closed on a projection below the recent rate", () => {
    const input = mmcHall(6);
    input.items = [
      { groupCode: "A", arrivalsMs: [...spread(48, 60, 30), ...spread(24, 30, 0)], handleMinutes: 6, waiting: 0 },
    ];
    const [a] = adviseStaffing(input).groups;
    expect(a!.arrivals).toMatchObject({ trend: "falling", planningPerHour: 48 });
    // Planning at the recent 0.8/min × 6 = 4.8 erlangs: Wq(5) = 27 min, Wq(6) = 2.6 min, so all 6 stay (projecting the
    // fall forward would reach 0/min and close windows while 48 people an hour still come).
    expect(a).toMatchObject({ action: "keep" });
  });
});

describe("adviseStaffing: edge cases", () => {
  it("when nobody came and nobody waits, then a single window is kept (never the last) and a second one is spare", () => {
    const input = (servers: number): StaffingInput => ({
      ...mmcHall(servers),
      items: [{ groupCode: "A", arrivalsMs: [], handleMinutes: 6, waiting: 0 }],
    });
    expect(adviseStaffing(input(1)).groups[0]).toMatchObject({
      offeredLoad: 0,
      expectedWaitMinutes: 0,
      windowsNeeded: 0,
      action: "keep",
    });
    expect(adviseStaffing(input(2)).groups[0]).toMatchObject({ action: "close", actionWindows: 1 });
  });

  it("when people wait and no qualified window is open, then open one, saying so", () => {
    const input: StaffingInput = {
      ...mmcHall(0),
      items: [{ groupCode: "A", arrivalsMs: [], handleMinutes: 6, waiting: 3 }],
    };
    const [a] = adviseStaffing(input).groups;
    expect(a).toMatchObject({
      windowsNow: 0,
      windowsNeeded: 2,
      action: "open",
      actionWindows: 2,
      queueClearMinutes: null,
    });
    expect(a!.reason["zh-CN"]).toContain("没有能办理的窗口");
  });

  it("when a qualified window is paused with its staff signed in, then it is named as the quickest to open", () => {
    const input: StaffingInput = {
      ...mmcHall(2),
      pausedServers: [
        { windowNumber: 7, groups: ["A"] },
        { windowNumber: 8, groups: ["B"] },
      ],
    };
    const [a] = adviseStaffing(input).groups;
    expect(a).toMatchObject({ action: "open", pausedWindows: [7], windowsNow: 2 });
    expect(a!.reason["zh-CN"]).toContain("已暂停的7号窗口可以办理，可先恢复");
    expect(a!.reason.en).toContain("Paused window 7 can serve it: resume first.");
  });

  it("when the day opened 20 minutes ago, then the rate is read over those 20 minutes", () => {
    const input: StaffingInput = { ...mmcHall(4), openedAt: NOW - 20 * 60_000 };
    input.items = [{ groupCode: "A", arrivalsMs: spread(12, 20, 0), handleMinutes: 6, waiting: 0 }];
    expect(adviseStaffing(input).groups[0]!.arrivals).toMatchObject({ perHour: 36, spanMinutes: 20 });
  });

  it("when a target is not positive, then a RangeError is thrown", () => {
    expect(() => adviseStaffing(mmcHall(4, 0))).toThrow(RangeError);
  });
});

describe("adviseStaffing: staff with several skills count once", () => {
  // A: 0.5/min × 6 min = 3 erlangs on windows 1-3 (dedicated); B: 0.15/min × 10 min = 1.5 erlangs on window 4
  // (dedicated) and window 5, whose staff member serves A and B.
  const input: StaffingInput = {
    nowMs: NOW,
    openedAt: OPENED,
    groups: [
      { code: "A", name: "社保", targetWaitMinutes: 15 },
      { code: "B", name: "不动产", targetWaitMinutes: 20 },
    ],
    items: [
      { groupCode: "A", arrivalsMs: spread(30, 60, 0), handleMinutes: 6, waiting: 0 },
      { groupCode: "B", arrivalsMs: spread(9, 60, 0), handleMinutes: 10, waiting: 0 },
    ],
    servers: [...windows([1, 2, 3], ["A"]), ...windows([4], ["B"]), { windowNumber: 5, groups: ["A", "B"] }],
  };

  it("when one person serves two groups, then their time is split so both are equally busy, adding up to 1", () => {
    const advice = adviseStaffing(input);
    const [a, b] = advice.groups;
    // Level load per server: (3 + 1.5) / 5 = 0.9 — A gets 3 + 1/3 windows' worth, B 1 + 2/3.
    expect(advice.windowsServing).toBe(5);
    const share5 = (g: typeof a) => g!.windows.find((w) => w.number === 5)!.share;
    expect(share5(a)).toBeCloseTo(1 / 3, 2);
    expect(share5(b)).toBeCloseTo(2 / 3, 2);
    expect(a!.windowsNow).toBeCloseTo(10 / 3, 2);
    expect(b!.windowsNow).toBeCloseTo(5 / 3, 2);
    // Each group's pool: A's windows 1, 2, 3, 5; window 5 gives B 2/3 of its time at B's busyness 0.9, so A's pool
    // also carries 0.6 erlangs of B's work (0.06/min of 10-minute services): λ = 0.56, a = 3.6 on 4 windows,
    // s = 3.6 / 0.56 = 6.43 min, Wq = C(4, 3.6) × 6.43 / 0.4 = 0.78775 × 16.07 = 12.66 ≤ 15: keep.
    // B's pool: windows 4, 5 with 1/3 × 0.9 = 0.3 erlangs of A's work (0.05/min): λ = 0.2, a = 1.8 on 2, s = 9,
    // Wq = C(2, 1.8) × 9 / 0.2 = 0.85263 × 45 = 38.4 > 20; 3 windows give 2.7: open 1.
    expect(a).toMatchObject({
      offeredLoad: 3,
      stable: true,
      expectedWaitMinutes: 12.7,
      windowsNeeded: 4,
      action: "keep",
    });
    expect(b).toMatchObject({
      offeredLoad: 1.5,
      stable: true,
      expectedWaitMinutes: 38.4,
      windowsNeeded: 3,
      action: "open",
      actionWindows: 1,
    });
    expect(b!.reason["zh-CN"]).toContain("与其他事项共用，其他事项约占0.3个窗口的时间");
    expect(b!.reason.en).toContain("2 windows can serve it (shared: other groups take about 0.3 windows' worth");
  });

  it("when the shared person would be counted whole in each group (the old estimate's mistake), then 6 servers, not 5", () => {
    const [a, b] = adviseStaffing(input).groups;
    expect(a!.windows.length + b!.windows.length).toBe(6); // window 5 is listed under both ...
    expect(a!.windowsNow + b!.windowsNow).toBeCloseTo(5, 2); // ... but its time is counted once
  });

  it("when every window serves every group (一窗综合受理), then each group reads the whole hall's Erlang C", () => {
    const comprehensive: StaffingInput = { ...input, servers: windows([1, 2, 3, 4, 5], ["A", "B"]) };
    // One pool of 5 windows: λ = 0.5 + 0.15 = 0.65/min, a = 3 + 1.5 = 4.5, s = 4.5 / 0.65 = 6.92 min:
    // C(5, 4.5) = 0.76249, Wq = 0.76249 × 6.92 / 0.5 = 10.56 min for both groups (a fixed split would read 15 and 46).
    for (const g of adviseStaffing(comprehensive).groups) {
      expect(g.windows.length).toBe(5);
      expect(g).toMatchObject({ expectedWaitMinutes: 10.6, windowsNeeded: 5, action: "keep" });
    }
  });

  it("when a group's items differ in handle time, then the group's is weighted by each item's arrivals", () => {
    const mixed: StaffingInput = {
      ...input,
      items: [
        { groupCode: "B", arrivalsMs: spread(6, 60, 0), handleMinutes: 10, waiting: 0 },
        { groupCode: "B", arrivalsMs: spread(3, 60, 0), handleMinutes: 16, waiting: 0 },
      ],
    };
    // (6 × 10 + 3 × 16) / 9 = 12.
    expect(adviseStaffing(mixed).groups[1]).toMatchObject({ handleMinutes: 12, offeredLoad: 1.8 });
  });
});
