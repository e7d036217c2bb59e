import { describe, expect, it } from "vitest";
import { DEFAULT_TIME_ZONE, formatTicketNumber, localDay, localMinutes } from "./numbering.ts";

const at = (iso: string) => Date.parse(iso);

describe("localDay", () => {
  it.each([
    // Asia/Shanghai is UTC+8 all year: local midnight is 16:00 UTC the previous day.
    ["2024-03-10T15:59:59.999Z", "Asia/Shanghai", "2024-03-10"],
    ["2024-03-10T16:00:00.000Z", "Asia/Shanghai", "2024-03-11"],
    ["2024-12-31T15:59:59.999Z", "Asia/Shanghai", "2024-12-31"],
    ["2024-12-31T16:00:00.000Z", "Asia/Shanghai", "2025-01-01"],
    ["2024-02-28T16:00:00.000Z", "Asia/Shanghai", "2024-02-29"],
    ["2024-03-10T23:59:59.999Z", "UTC", "2024-03-10"],
    ["2024-03-11T00:00:00.000Z", "UTC", "2024-03-11"],
    // Asia/Kathmandu is UTC+5:45, a non-whole-hour offset.
    ["2024-01-01T18:14:59.999Z", "Asia/Kathmandu", "2024-01-01"],
    ["2024-01-01T18:15:00.000Z", "Asia/Kathmandu", "2024-01-02"],
    // America/New_York, DST starts 2024-03-10 02:00 local: midnight is 05:00Z before and 04:00Z after.
    ["2024-03-10T04:59:59.999Z", "America/New_York", "2024-03-09"],
    ["2024-03-10T05:00:00.000Z", "America/New_York", "2024-03-10"],
    ["2024-03-11T03:59:59.999Z", "America/New_York", "2024-03-10"],
    ["2024-03-11T04:00:00.000Z", "America/New_York", "2024-03-11"],
    // Europe/Berlin, DST ends 2024-10-27 03:00 local: the 25-hour day ends at 23:00Z.
    ["2024-10-27T22:59:59.999Z", "Europe/Berlin", "2024-10-27"],
    ["2024-10-27T23:00:00.000Z", "Europe/Berlin", "2024-10-28"],
  ])("when the time is %s in %s, then the local day is %s", (iso, zone, day) => {
    expect(localDay(at(iso), zone)).toBe(day);
  });

  it("when the default zone is used, then it is Asia/Shanghai", () => {
    expect(DEFAULT_TIME_ZONE).toBe("Asia/Shanghai");
    expect(localDay(at("2024-06-30T16:00:00Z"), DEFAULT_TIME_ZONE)).toBe("2024-07-01");
  });

  it("when the zone is unknown, then a RangeError names it", () => {
    expect(() => localDay(0, "Mars/Olympus")).toThrow(RangeError);
    expect(() => localDay(0, "Mars/Olympus")).toThrow(/unknown time zone "Mars\/Olympus"/);
  });

  it("when the time is not finite, then a RangeError is thrown", () => {
    expect(() => localDay(Number.NaN, "UTC")).toThrow(RangeError);
    expect(() => localDay(Number.POSITIVE_INFINITY, "UTC")).toThrow(RangeError);
  });
});

describe("localMinutes", () => {
  it.each([
    // 2024-03-11 is a Monday.
    ["2024-03-10T16:00:00.000Z", "Asia/Shanghai", 1, 0],
    ["2024-03-11T01:30:00.000Z", "Asia/Shanghai", 1, 9 * 60 + 30],
    ["2024-03-11T15:59:59.999Z", "Asia/Shanghai", 1, 1439],
    ["2024-03-10T15:59:00.000Z", "Asia/Shanghai", 7, 1439],
    ["2024-03-16T04:00:00.000Z", "Asia/Shanghai", 6, 12 * 60],
    ["2024-01-01T18:15:00.000Z", "Asia/Kathmandu", 2, 0],
    // New York spring-forward: 01:59 EST is followed by 03:00 EDT, both on Sunday.
    ["2024-03-10T06:59:00.000Z", "America/New_York", 7, 119],
    ["2024-03-10T07:00:00.000Z", "America/New_York", 7, 180],
  ])("when the time is %s in %s, then weekday %i minute %i", (iso, zone, weekday, minutes) => {
    expect(localMinutes(at(iso), zone)).toEqual({ weekday, minutes });
  });

  it("when the zone is unknown, then a RangeError is thrown", () => {
    expect(() => localMinutes(0, "Nowhere/Town")).toThrow(/unknown time zone/);
  });
});

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
