/**
 * Issue 13, item 5: GET /api/staffing/advice on a real hall (demo catalogue, real SQLite, real HTTP): arrivals read
 * from the hall's tickets on its clock, handle times from its finished services, the staff signed in split once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StaffingAdvice, TicketView } from "@onewindow/contract";
import { learnHandleTime } from "../domain/index.ts";
import { startTestHall, WEDNESDAY_10AM, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // typical 10 minutes, department 212W's own group
const GROUP = "11441702007046212W";

describe("GET /api/staffing/advice", () => {
  let hall: TestHall;
  let kiosk: string;
  let supervisor: string;
  beforeEach(async () => {
    hall = await startTestHall({ startAt: WEDNESDAY_10AM - 3_600_000 });
    kiosk = hall.device("gateway");
    supervisor = await hall.login("GW002");
  });
  afterEach(async () => hall.close());

  const advice = async () => {
    const res = await hall.api<StaffingAdvice>("GET", "/api/staffing/advice", undefined, supervisor);
    expect(res.status).toBe(200);
    return res.body;
  };
  const group = async (code = GROUP) => (await advice()).groups.find((g) => g.code === code)!;
  /** 12 tickets, one every 5 minutes from 09:00, then the clock at 10:00. */
  const busyHour = async () => {
    for (let k = 0; k < 12; k++) {
      expect((await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, kiosk)).status).toBe(201);
      hall.clock.advance(5 * 60_000);
    }
  };

  it("when the hall has just opened and nobody came, then every group is told to keep its windows", async () => {
    const a = await advice();
    expect(a.computedAt).toBe(WEDNESDAY_10AM - 3_600_000);
    expect(a.windowsServing).toBe(0);
    expect(a.groups.length).toBeGreaterThan(1);
    for (const g of a.groups) expect(g).toMatchObject({ arrivals: { perHour: 0 }, waiting: 0, action: "keep" });
    // The catalogue's per-group target wait: SBYB sets 20 minutes, the others default to 15.
    expect(a.groups.find((g) => g.code === "SBYB")!.targetWaitMinutes).toBe(20);
    expect((await group()).targetWaitMinutes).toBe(15);
  });

  it("when 12 people came in the last hour and no window serves them, then it says how many windows to open and why", async () => {
    await busyHour();
    const g = await group();
    // λ = 12/h, s = 10 min (typical, no history yet): a = 2 erlangs; Erlang C asks for 3 windows (Wq(3) = 4.4 min),
    // but 12 people already wait: 12 × 10 ÷ 15 = 8 windows to call them within the 15-minute target.
    expect(g).toMatchObject({
      arrivals: { perHour: 12, spanMinutes: 60, trend: "steady" },
      handleMinutes: 10,
      offeredLoad: 2,
      waiting: 12,
      windows: [],
      windowsNow: 0,
      stable: false,
      expectedWaitMinutes: null,
      windowsNeeded: 8,
      action: "open",
      actionWindows: 8,
    });
    expect(g.reason["zh-CN"]).toContain("建议增开8个窗口");
    expect(g.reason.en).toContain("open 8 more");
  });

  it("when a multi-skilled staff member signs in, then they count as one window, all of it for the group that has demand", async () => {
    await busyHour();
    await hall.login("GW005", 1); // serves 212W, 300B and the SBYB group
    const a = await advice();
    expect(a.windowsServing).toBe(1);
    const g = a.groups.find((x) => x.code === GROUP)!;
    expect(g).toMatchObject({ windows: [{ number: 1, share: 1 }], windowsNow: 1 });
    expect(a.groups.find((x) => x.code === "SBYB")!).toMatchObject({
      windows: [{ number: 1, share: 0 }],
      windowsNow: 0,
    });
  });

  it("when a qualified window is paused, then the advice names it as the quickest to open", async () => {
    await busyHour();
    const staff = await hall.login("GW005", 1);
    expect((await hall.api("POST", "/api/counter/pause", { reason: "午休" }, staff)).status).toBe(200);
    const a = await advice();
    expect(a.windowsServing).toBe(0);
    expect(a.groups.find((x) => x.code === GROUP)!).toMatchObject({
      windowsNow: 0,
      pausedWindows: [1],
      action: "open",
    });
  });

  it("when services are finished, then the group's handle time learns from them, starting from the catalogue's", async () => {
    await busyHour();
    const staff = await hall.login("GW005", 1);
    for (let k = 0; k < 2; k++) {
      expect((await hall.api<TicketView>("POST", "/api/counter/call-next", {}, staff)).status).toBe(200);
      expect((await hall.api("POST", "/api/counter/start", {}, staff)).status).toBe(200);
      hall.clock.advance(20 * 60_000);
      expect((await hall.api("POST", "/api/counter/finish", {}, staff)).status).toBe(200);
    }
    // Two 20-minute services against the typical 10 minutes: pulled toward 20 by the hall's own history, as much as
    // the forecast's learner (the one model of handle times) says, rounded to 0.1 in the answer.
    const learned = learnHandleTime({ minutes: 10 }, [20, 20]).meanMinutes;
    expect(learned).toBeGreaterThan(10);
    expect(learned).toBeLessThan(20);
    expect((await group()).handleMinutes).toBe(Math.round(learned * 10) / 10);
  });
});
