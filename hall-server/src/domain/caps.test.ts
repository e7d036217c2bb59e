import { TicketState } from "@onewindow/contract";
import { describe, expect, it } from "vitest";
import { capRefusal, countsTowardCaps, slotCapAt, type SlotCap } from "./caps.ts";

const morning: SlotCap = { start: "09:00", end: "12:00", cap: 2 };
const afternoon: SlotCap = { start: "13:30", end: "17:00", cap: 1 };

describe("caps", () => {
  it.each([
    ["below the daily cap", { dailyCap: 3, issuedToday: 2 }, null],
    ["at the daily cap", { dailyCap: 3, issuedToday: 3 }, { cap: "daily", limit: 3 }],
    ["with no daily cap", { dailyCap: null, issuedToday: 10_000 }, null],
  ] as const)("when a walk-in comes %s, then the verdict is %j", (_label, counts, expected) => {
    expect(capRefusal({ kind: "walk-in", ...counts })).toEqual(expected);
  });

  it("when a walk-in comes with its time slot used up, then the slot cap refuses it", () => {
    expect(capRefusal({ kind: "walk-in", dailyCap: 80, issuedToday: 2, slot: { cap: morning, issued: 2 } })).toEqual({
      cap: "slot",
      limit: 2,
      slot: morning,
    });
  });

  it("when an appointment checks in with the daily and slot caps used up, then it is never refused", () => {
    expect(capRefusal({ kind: "check-in", dailyCap: 1, issuedToday: 5, slot: { cap: morning, issued: 9 } })).toBe(null);
  });

  it.each([
    [8 * 60 + 59, undefined],
    [9 * 60, morning],
    [11 * 60 + 59, morning],
    [12 * 60, undefined],
    [13 * 60 + 30, afternoon],
    [16 * 60 + 59, afternoon],
    [17 * 60, undefined],
  ])("when the local minute is %i, then the slot is %j", (minute, slot) => {
    expect(slotCapAt([morning, afternoon], minute)).toBe(slot);
  });

  it("when a ticket is cancelled or a reservation voided, then it gives its place back; in any other state (a reservation still printing too) it keeps it", () => {
    const keeps = TicketState.options.filter(countsTowardCaps);
    expect(TicketState.options.filter((s) => !keeps.includes(s))).toEqual(["voided", "cancelled"]);
    expect(keeps).toContain("reserved");
    expect(keeps).toContain("transferred");
    expect(keeps).toContain("expired");
  });
});
