import { describe, expect, it } from "vitest";
import { checkInPriority, classifyCheckIn, isUnclaimed, type CheckInClass } from "./appointments.ts";

const MIN = 60_000;
const START = Date.parse("2024-05-06T01:30:00Z"); // 09:30 in Asia/Shanghai
const END = START + 30 * MIN;
const base = { slotStartMs: START, slotEndMs: END, earlyMinutes: 15, lateMinutes: 10 };

describe("classifyCheckIn", () => {
  it.each([
    ["an hour before the slot", START - 60 * MIN, "too-early"],
    ["1 ms before the early window opens", START - 15 * MIN - 1, "too-early"],
    ["exactly when the early window opens", START - 15 * MIN, "on-time"],
    ["at the slot start", START, "on-time"],
    ["during the slot", START + 12 * MIN, "on-time"],
    ["exactly at the slot end", END, "on-time"],
    ["1 ms after the slot end", END + 1, "late"],
    ["exactly at the end of the late window", END + 10 * MIN, "late"],
    ["1 ms after the late window", END + 10 * MIN + 1, "expired"],
    ["the next day", END + 24 * 60 * MIN, "expired"],
  ] as const)("when checking in %s, then it is %s", (_label, nowMs, expected) => {
    expect(classifyCheckIn({ ...base, nowMs })).toBe(expected);
  });

  it.each([
    ["tolerances are zero, at the start", { earlyMinutes: 0, lateMinutes: 0 }, START, "on-time"],
    ["tolerances are zero, just before the start", { earlyMinutes: 0, lateMinutes: 0 }, START - 1, "too-early"],
    ["tolerances are zero, just after the end", { earlyMinutes: 0, lateMinutes: 0 }, END + 1, "expired"],
    ["the slot is an instant", { slotEndMs: START }, START + 1, "late"],
  ] as const)("when %s, then it is %s", (_label, over, nowMs, expected) => {
    expect(classifyCheckIn({ ...base, ...over, nowMs })).toBe(expected);
  });

  it.each([
    ["the slot ends before it starts", { slotEndMs: START - 1 }],
    ["now is NaN", { nowMs: Number.NaN }],
    ["the slot start is infinite", { slotStartMs: Number.POSITIVE_INFINITY }],
    ["earlyMinutes is negative", { earlyMinutes: -1 }],
    ["lateMinutes is NaN", { lateMinutes: Number.NaN }],
  ])("when %s, then a RangeError is thrown", (_label, over) => {
    expect(() => classifyCheckIn({ ...base, nowMs: START, ...over })).toThrow(RangeError);
  });
});

describe("isUnclaimed", () => {
  it.each([
    ["during the slot", START + MIN, false],
    ["within the late window", END + 10 * MIN, false],
    ["past the late window", END + 10 * MIN + 1, true],
  ] as const)("when it is %s, then released is %s", (_label, nowMs, expected) => {
    expect(isUnclaimed(END, nowMs, 10)).toBe(expected);
  });

  it("when checked at many instants, then it agrees with classifyCheckIn's expired", () => {
    for (let now = START - 20 * MIN; now <= END + 20 * MIN; now += 30_000)
      expect(isUnclaimed(END, now, 10)).toBe(classifyCheckIn({ ...base, nowMs: now }) === "expired");
  });

  it.each([
    [Number.NaN, START, 10],
    [END, Number.NaN, 10],
    [END, START, -1],
  ])("when inputs are (%d, %d, %d), then a RangeError is thrown", (end, now, late) => {
    expect(() => isUnclaimed(end, now, late)).toThrow(RangeError);
  });
});

describe("checkInPriority", () => {
  it.each([
    ["on-time", "appointment"],
    ["late", "normal"],
    ["too-early", null],
    ["expired", null],
  ] as [CheckInClass, string | null][])("when the check-in is %s, then the ticket class is %s", (result, expected) => {
    expect(checkInPriority(result)).toBe(expected);
  });
});
