import { describe, expect, it } from "vitest";
import {
  ageOn,
  assertTimeZone,
  DEFAULT_TIME_ZONE,
  isServiceDay,
  localMinutes,
  nextCalendarDay,
  nextServiceDayBoundary,
  serviceDayEnd,
  serviceDayOf,
  serviceDayStart,
} from "./serviceDay.ts";

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe("serviceDayOf", () => {
  it.each([
    // Asia/Shanghai is UTC+8 all year, no DST: local midnight is 16:00 UTC the previous day.
    ["2026-11-25T23:59:59.999+08:00", "Asia/Shanghai", "2026-11-25"],
    ["2026-11-26T00:00:00.000+08:00", "Asia/Shanghai", "2026-11-26"],
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
    // Europe/Berlin, DST ends 2026-10-25 03:00 CEST: the 25-hour day ends at 23:00Z.
    ["2026-10-25T22:59:59.999Z", "Europe/Berlin", "2026-10-25"],
    ["2026-10-25T23:00:00.000Z", "Europe/Berlin", "2026-10-26"],
    // Europe/Berlin, DST starts 2026-03-29 02:00 CET: the 23-hour day ends at 22:00Z.
    ["2026-03-29T21:59:59.999Z", "Europe/Berlin", "2026-03-29"],
    ["2026-03-29T22:00:00.000Z", "Europe/Berlin", "2026-03-30"],
  ])("when the time is %s in %s, then the service day is %s", (iso, zone, day) => {
    expect(serviceDayOf(at(iso), zone)).toBe(day);
  });

  it("when the default zone is used, then it is Asia/Shanghai", () => {
    expect(DEFAULT_TIME_ZONE).toBe("Asia/Shanghai");
    expect(serviceDayOf(at("2024-06-30T16:00:00Z"), DEFAULT_TIME_ZONE)).toBe("2024-07-01");
  });

  it("when the zone is unknown, then a RangeError names it", () => {
    expect(() => serviceDayOf(0, "Mars/Olympus")).toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(() => assertTimeZone("Mars/Olympus")).toThrow(RangeError);
    expect(() => assertTimeZone("Europe/Berlin")).not.toThrow();
  });

  it("when the time is not finite, then a RangeError is thrown", () => {
    expect(() => serviceDayOf(Number.NaN, "UTC")).toThrow(RangeError);
    expect(() => serviceDayOf(Number.POSITIVE_INFINITY, "UTC")).toThrow(RangeError);
  });
});

describe("serviceDayStart and serviceDayEnd", () => {
  it.each([
    // zone, day, first instant, first instant of the next day, length in hours
    ["Asia/Shanghai", "2026-11-25", "2026-11-24T16:00:00.000Z", "2026-11-25T16:00:00.000Z", 24],
    ["Asia/Shanghai", "2024-12-31", "2024-12-30T16:00:00.000Z", "2024-12-31T16:00:00.000Z", 24],
    ["Europe/Berlin", "2026-10-24", "2026-10-23T22:00:00.000Z", "2026-10-24T22:00:00.000Z", 24],
    ["Europe/Berlin", "2026-10-25", "2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z", 25],
    ["Europe/Berlin", "2026-03-29", "2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z", 23],
    ["Europe/Berlin", "2026-03-30", "2026-03-29T22:00:00.000Z", "2026-03-30T22:00:00.000Z", 24],
    ["Asia/Kathmandu", "2024-01-02", "2024-01-01T18:15:00.000Z", "2024-01-02T18:15:00.000Z", 24],
    // America/Santiago springs forward at midnight (2024-09-08 00:00 -> 01:00): the day begins at 01:00 local.
    ["America/Santiago", "2024-09-08", "2024-09-08T04:00:00.000Z", "2024-09-09T03:00:00.000Z", 23],
  ])("when the service day is %s %s, then it runs from %s to %s (%i h)", (zone, day, start, end, hours) => {
    expect(serviceDayStart(day, zone)).toBe(at(start));
    expect(serviceDayEnd(day, zone)).toBe(at(end));
    expect((serviceDayEnd(day, zone) - serviceDayStart(day, zone)) / HOUR).toBe(hours);
  });

  it.each(["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Kathmandu", "America/Santiago"])(
    "when the days of a year in %s are walked, then each ends where the next begins, and 1 ms before is the day itself",
    (zone) => {
      let day = "2026-01-01";
      for (let i = 0; i < 366; i++) {
        const start = serviceDayStart(day, zone);
        const end = serviceDayEnd(day, zone);
        expect(serviceDayOf(start, zone)).toBe(day);
        expect(serviceDayOf(end - 1, zone)).toBe(day);
        expect(serviceDayOf(start - 1, zone)).not.toBe(day);
        const next = nextCalendarDay(day);
        expect(serviceDayStart(next, zone)).toBe(end);
        day = next;
      }
    },
  );

  it.each(["2026-02-30", "2026-13-01", "26-11-25", "2026-11-25T00:00", ""])(
    "when the day %j is not a calendar date, then a RangeError is thrown",
    (day) => {
      expect(isServiceDay(day)).toBe(false);
      expect(() => serviceDayStart(day, "UTC")).toThrow(RangeError);
    },
  );
});

describe("nextServiceDayBoundary", () => {
  it.each([
    ["2026-11-25T23:59:59.999+08:00", "Asia/Shanghai", "2026-11-26T00:00:00.000+08:00"],
    ["2026-11-25T00:00:00.000+08:00", "Asia/Shanghai", "2026-11-26T00:00:00.000+08:00"],
    ["2026-11-25T10:00:00.000+08:00", "Asia/Shanghai", "2026-11-26T00:00:00.000+08:00"],
    // Berlin's 25-hour day: 25 h after its midnight, not 24.
    ["2026-10-25T00:00:00.000+02:00", "Europe/Berlin", "2026-10-26T00:00:00.000+01:00"],
    ["2026-10-25T02:30:00.000+01:00", "Europe/Berlin", "2026-10-26T00:00:00.000+01:00"],
    // Berlin's 23-hour day: 23 h after its midnight.
    ["2026-03-29T00:00:00.000+01:00", "Europe/Berlin", "2026-03-30T00:00:00.000+02:00"],
    ["2026-03-29T23:59:59.999+02:00", "Europe/Berlin", "2026-03-30T00:00:00.000+02:00"],
  ])("when the time is %s in %s, then the day ends at %s", (now, zone, boundary) => {
    expect(nextServiceDayBoundary(at(now), zone)).toBe(at(boundary));
    expect(nextServiceDayBoundary(at(now), zone)).toBeGreaterThan(at(now));
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

describe("ageOn", () => {
  it.each([
    ["2026-11-25", "19661125", 60],
    ["2026-11-25", "19661126", 59],
    ["2026-11-25", "20261125", 0],
    ["2026-11-25", "20261126", -1],
    ["2024-02-28", "20000229", 23],
    ["2024-02-29", "20000229", 24],
  ])("when the service day is %s and the birth date %s, then the age is %i", (today, birth, age) => {
    expect(ageOn(today, birth)).toBe(age);
  });
});
