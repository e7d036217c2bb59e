import { describe, expect, it } from "vitest";
import { expectedWaitMinutes, updateHandleEstimate } from "./eta.ts";

describe("updateHandleEstimate", () => {
  it.each([
    ["a normal observation", 10, 20, 0.2, 12],
    ["a shorter observation", 10, 5, 0.2, 9],
    ["an equal observation", 8, 8, 0.2, 8],
    ["alpha 1 (no memory)", 10, 3, 1, 3],
    ["alpha 0.5", 10, 20, 0.5, 15],
    ["the smallest sane observation", 10, 0.1, 0.2, 8.02],
    ["the largest sane observation (8 h)", 10, 480, 0.2, 104],
    ["an observation under 0.1 min (mis-click)", 10, 0.05, 0.2, 10],
    ["a negative observation", 10, -3, 0.2, 10],
    ["an observation over 8 h (left open overnight)", 10, 481, 0.2, 10],
    ["a NaN observation", 10, Number.NaN, 0.2, 10],
    ["an infinite observation", 10, Number.POSITIVE_INFINITY, 0.2, 10],
    ["no estimate yet (0)", 0, 7, 0.2, 7],
    ["no estimate yet (NaN)", Number.NaN, 7, 0.2, 7],
  ])("when %s, then the estimate is as expected", (_label, prev, observed, alpha, expected) => {
    expect(updateHandleEstimate(prev, observed, alpha)).toBeCloseTo(expected, 10);
  });

  it("when alpha is omitted, then it is 0.2", () => {
    expect(updateHandleEstimate(10, 20)).toBeCloseTo(12, 10);
  });

  it("when observations repeat, then the estimate converges to them", () => {
    let est = 30;
    for (let i = 0; i < 60; i++) est = updateHandleEstimate(est, 6);
    expect(est).toBeCloseTo(6, 3);
  });

  it.each([0, -0.1, 1.01, Number.NaN])("when alpha is %d, then a RangeError is thrown", (alpha) => {
    expect(() => updateHandleEstimate(10, 5, alpha)).toThrow(RangeError);
  });
});

describe("expectedWaitMinutes", () => {
  it.each([
    ["nobody is ahead", 0, 3, 10, 0, true],
    ["one ahead, one staff", 1, 1, 10, 10, true],
    ["ten ahead, two staff", 10, 2, 6, 30, true],
    ["seven ahead, three staff (rounded up)", 7, 3, 5, 12, true],
    ["a fractional handle time", 3, 1, 2.5, 8, true],
    ["float noise would round up wrongly", 30, 1, 0.1, 3, true],
    ["no qualified staff signed in", 4, 0, 5, 20, false],
    ["a fractional staff count (floored)", 4, 1.5, 5, 20, true],
    ["nobody ahead and nobody staffed", 0, 0, 5, 0, false],
  ])(
    "when %s, then the wait is as expected",
    (_label, peopleAhead, qualifiedStaff, handleMinutes, minutes, staffed) => {
      expect(expectedWaitMinutes({ peopleAhead, qualifiedStaff, handleMinutes })).toEqual({ minutes, staffed });
    },
  );

  it.each([
    [{ peopleAhead: -1, qualifiedStaff: 1, handleMinutes: 5 }],
    [{ peopleAhead: 1.5, qualifiedStaff: 1, handleMinutes: 5 }],
    [{ peopleAhead: 1, qualifiedStaff: -1, handleMinutes: 5 }],
    [{ peopleAhead: 1, qualifiedStaff: Number.NaN, handleMinutes: 5 }],
    [{ peopleAhead: 1, qualifiedStaff: 1, handleMinutes: 0 }],
    [{ peopleAhead: 1, qualifiedStaff: 1, handleMinutes: Number.POSITIVE_INFINITY }],
  ])("when the input is %o, then a RangeError is thrown", (input) => {
    expect(() => expectedWaitMinutes(input)).toThrow(RangeError);
  });
});
