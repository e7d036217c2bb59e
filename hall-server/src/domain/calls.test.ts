import { describe, expect, it } from "vitest";
import { selectNext, defaultCallPolicy } from "./callPolicy.ts";
import { mayCall, recallOutcome, transferTicket } from "./calls.ts";
import { WaitingQueues, type WaitingTicket } from "./waitingQueues.ts";

const T0 = Date.parse("2024-05-06T01:00:00Z");
const caller = { staffId: "S1", windowId: "W1", eligibleItems: new Map([["A", 5]]) };
const tk = (over: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id: "A001",
  itemId: "A",
  priority: "normal",
  arrivedAt: T0,
  ...over,
});

describe("mayCall", () => {
  it.each([
    ["an untargeted ticket of an eligible item", {}, true],
    ["an untargeted ticket of another item", { itemId: "B" }, false],
    ["a ticket targeted at me, of another item", { itemId: "B", targetStaffId: "S1" }, true],
    ["a ticket targeted at my window", { targetWindowId: "W1" }, true],
    ["a ticket targeted at me at my window", { targetStaffId: "S1", targetWindowId: "W1" }, true],
    ["a ticket targeted at someone else", { targetStaffId: "S2" }, false],
    ["a ticket targeted at another window", { targetWindowId: "W2" }, false],
    ["a ticket targeted at me at another window", { targetStaffId: "S1", targetWindowId: "W2" }, false],
  ] as const)("when I choose %s, then allowed is %s", (_label, over, ok) => {
    const result = mayCall(tk(over), caller, { ticket: "A001", item: "CODE-B" });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toMatch(/^ticket A001/);
  });

  it("when a refusal names the item, then it uses the item's code, never the internal id", () => {
    const refused = mayCall(tk({ id: "17", itemId: "10" }), caller, { ticket: "A001", item: "11441702007046212W2" });
    expect(refused).toEqual({
      ok: false,
      reason: "ticket A001: item 11441702007046212W2 is not served by this staff member at this window",
    });
    const unnamed = mayCall(tk({ id: "17", itemId: "10" }), caller);
    expect(unnamed.ok || unnamed.reason).not.toMatch(/\b1[07]\b/);
  });
});

describe("recallOutcome", () => {
  it.each([
    [0, 2, { action: "recall", recalls: 1 }],
    [1, 2, { action: "recall", recalls: 2 }],
    [2, 2, { action: "noShow", recalls: 2 }],
    [5, 2, { action: "noShow", recalls: 5 }],
    [0, 0, { action: "noShow", recalls: 0 }],
  ])("when recalled %i times with a limit of %i, then the press gives %o", (so, max, expected) => {
    expect(recallOutcome(so, max)).toEqual(expected);
  });

  it.each([
    [-1, 2],
    [0.5, 2],
    [0, -1],
    [0, Number.NaN],
  ])("when the counts are (%d, %d), then a RangeError is thrown", (so, max) => {
    expect(() => recallOutcome(so, max)).toThrow(RangeError);
  });
});

describe("transferTicket", () => {
  it("when a ticket is transferred to another item and staff member, then it keeps its id and arrival", () => {
    const moved = transferTicket(tk({ targetWindowId: "W9" }), { itemId: "B", targetStaffId: "S2" });
    expect(moved).toEqual({
      id: "A001",
      itemId: "B",
      priority: "normal",
      arrivedAt: T0,
      appointmentAt: null,
      targetStaffId: "S2",
      targetWindowId: null,
    });
  });

  it("when an appointment ticket is transferred, then its slot follows it unless its class changes", () => {
    const appt = tk({ priority: "appointment", appointmentAt: T0 + 30 * 60_000 });
    expect(transferTicket(appt, { itemId: "B" }).appointmentAt).toBe(T0 + 30 * 60_000);
    expect(transferTicket(appt, { itemId: "B", priority: "green" })).toMatchObject({
      priority: "green",
      appointmentAt: null,
    });
  });

  it("when the transferred ticket is re-queued, then it goes ahead of later arrivals and only its target takes it", () => {
    const q = new WaitingQueues();
    q.add(tk({ id: "B005", itemId: "B", arrivedAt: T0 + 20 * 60_000 }));
    q.add(transferTicket(tk(), { itemId: "B" }));
    expect(q.position("A001")).toBe(0);
    q.add(transferTicket(tk(), { itemId: "B", targetStaffId: "S2" }));
    const ctx = { nowMs: T0 + 30 * 60_000, windowId: "W1", eligibleItems: new Map([["B", 5]]), priorityStreak: 0 };
    expect(selectNext(q, { ...ctx, staffId: "S1" }, defaultCallPolicy)?.ticketId).toBe("B005");
    expect(selectNext(q, { ...ctx, staffId: "S2" }, defaultCallPolicy)).toMatchObject({
      ticketId: "A001",
      rule: "targeted",
    });
  });

  it("when the target item is empty, then a RangeError is thrown", () => {
    expect(() => transferTicket(tk(), { itemId: "" })).toThrow(RangeError);
  });
});
