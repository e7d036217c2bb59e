import { describe, expect, it } from "vitest";
import type { TicketView } from "@onewindow/contract";
import { CounterKeypadConfig } from "../config.ts";
import { callerText, ledText } from "./displayTexts.ts";
import { planKey } from "./keypadPlan.ts";

const config = CounterKeypadConfig.parse({});
const current = (state: TicketView["state"]) => ({ number: "A001", state }) as TicketView;

describe("caller keypad plan", () => {
  it("when next is pressed, then a called citizen is started and finished, a served one finished, then the next called", () => {
    expect(planKey({ kind: "next" }, { current: current("called") }, config)).toEqual({
      kind: "steps",
      steps: [{ action: "start" }, { action: "finish" }, { action: "callNext" }],
    });
    expect(planKey({ kind: "next" }, { current: current("serving") }, config)).toEqual({
      kind: "steps",
      steps: [{ action: "finish" }, { action: "callNext" }],
    });
    expect(planKey({ kind: "next" }, { current: null }, config)).toEqual({
      kind: "steps",
      steps: [{ action: "callNext" }],
    });
  });

  it("when skip, pause and transfer are pressed, then no-show, pause 暂离 and a transfer to the keyed window follow", () => {
    const none = { current: null };
    expect(planKey({ kind: "skip" }, none, config)).toEqual({ kind: "steps", steps: [{ action: "noShow" }] });
    expect(planKey({ kind: "pause" }, none, config)).toEqual({
      kind: "steps",
      steps: [{ action: "pause", reason: "暂离" }],
    });
    expect(planKey({ kind: "transfer", targetWindow: 5 }, none, config)).toEqual({
      kind: "steps",
      steps: [{ action: "transfer", to: "window", windowNumber: 5, note: "" }],
    });
  });

  it("when login is pressed, then it is refused in words; a key the hall turned off is ignored", () => {
    const plan = planKey({ kind: "login", staffId: 7 }, { current: null }, config);
    expect(plan).toMatchObject({ kind: "refuse", reason: { code: "keypad_login" } });
    const quiet = CounterKeypadConfig.parse({ keys: { recall: "ignore", logout: "refuse" } });
    expect(planKey({ kind: "recall" }, { current: null }, quiet)).toEqual({ kind: "ignore" });
    // The rating-request key asks the ratings module by default (issue 12); a hall may turn it off.
    const noRating = CounterKeypadConfig.parse({ keys: { requestRating: "ignore" } });
    expect(planKey({ kind: "requestRating" }, { current: null }, config)).toEqual({ kind: "requestRating" });
    expect(planKey({ kind: "requestRating" }, { current: null }, noRating)).toEqual({ kind: "ignore" });
    expect(planKey({ kind: "logout" }, { current: null }, quiet)).toMatchObject({
      kind: "refuse",
      reason: { code: "key_unassigned" },
    });
  });
});

describe("display texts", () => {
  const window = { number: 2, name: "2号窗口", state: "open" as const, pauseReason: null };
  const staff = { employeeNo: "GW006", name: "王芳", photo: null };
  const waiting = [{ itemCode: "HJ", itemName: "户籍", count: 3 }];

  it("when called, free, paused or signed out, then the LED strip shows the call, idle, or 暂停服务", () => {
    expect(ledText({ window, staff, current: current("called") }, config)).toBe("请A001号到2号窗口");
    expect(ledText({ window, staff, current: null }, config)).toBe("欢迎光临");
    expect(ledText({ window: { ...window, state: "paused" }, staff, current: null }, config)).toBe("暂停服务");
    expect(ledText({ window, staff: null, current: null }, config)).toBe("暂停服务");
  });

  it("when shown on the caller, then the number (or 空闲/暂停/请登录) and the waiting count", () => {
    expect(callerText({ window, staff, current: current("serving"), waiting })).toBe("A001 等待3");
    expect(callerText({ window, staff, current: null, waiting })).toBe("空闲 等待3");
    expect(callerText({ window: { ...window, state: "paused" }, staff, current: null, waiting })).toBe("暂停 等待3");
    expect(callerText({ window, staff: null, current: null, waiting })).toBe("请登录");
  });
});
