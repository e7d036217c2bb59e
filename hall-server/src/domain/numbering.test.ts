import { describe, expect, it } from "vitest";
import { formatTicketNumber } from "./numbering.ts";

describe("formatTicketNumber", () => {
  it.each([
    ["A", 1, "A001"],
    ["A", 42, "A042"],
    ["B", 999, "B999"],
    ["B", 1000, "B1000"],
    ["Z", 12345, "Z12345"],
    ["VIP", 7, "VIP007"],
  ])("when prefix %s and sequence %i, then %s", (prefix, seq, expected) => {
    expect(formatTicketNumber(prefix, seq)).toBe(expected);
  });

  it.each([
    ["A", 0],
    ["A", -1],
    ["A", 1.5],
    ["A", Number.NaN],
    ["", 1],
    ["a", 1],
    ["A-", 1],
  ])("when prefix %j and sequence %d are invalid, then a RangeError is thrown", (prefix, seq) => {
    expect(() => formatTicketNumber(prefix, seq)).toThrow(RangeError);
  });
});
