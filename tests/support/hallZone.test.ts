/**
 * The browser tests' hall zones: whenever a suite starts, its hall's service day is hours from ending (the kiosk's
 * check-in and the counter's keypad transfer failed when a run near 16:00 UTC crossed Asia/Shanghai's midnight).
 * Every 10 minutes of a winter and a summer UTC day (PC_ZONE, New York, keeps daylight saving time in summer).
 */
import { describe, expect, it } from "vitest";
import { dayEndZones, HALL_ZONES, hallClockNear, middayZone, MIDDAY, PC_ZONE, wallClock } from "./hallZone.ts";

const DAYS = ["2026-01-15T00:00:00Z", "2026-07-15T00:00:00Z"].map((iso) => Date.parse(iso));
const STARTS = DAYS.flatMap((day) => Array.from({ length: 24 * 6 }, (_, i) => day + i * 10 * 60_000));
const HOUR = 3_600_000;

describe("middayZone", () => {
  it("when a suite starts at any time of day, then its hall's local time is between 08:00 and 16:00", () => {
    for (const start of STARTS) {
      const { minutes } = wallClock(start, middayZone(start));
      expect(minutes, new Date(start).toISOString()).toBeGreaterThanOrEqual(MIDDAY.from);
      expect(minutes, new Date(start).toISOString()).toBeLessThanOrEqual(MIDDAY.to);
    }
  });

  it("when a suite runs for up to seven hours, then its hall's service day does not change", () => {
    for (const start of STARTS) {
      const zone = middayZone(start);
      expect(wallClock(start + 7 * HOUR, zone).day, `${zone} from ${new Date(start).toISOString()}`).toBe(
        wallClock(start, zone).day,
      );
    }
  });

  it("when the PC is set to PC_ZONE, then the hall's clock reads otherwise than the PC's", () => {
    for (const start of STARTS) {
      const zone = middayZone(start);
      expect(wallClock(start, zone).offset, `${zone} at ${new Date(start).toISOString()}`).not.toBe(
        wallClock(start, PC_ZONE).offset,
      );
      expect(hallClockNear(start, 2, zone)).not.toContain(hallClockNear(start, 0, PC_ZONE)[0]);
    }
  });

  it("when 16:00 UTC nears (Asia/Shanghai's midnight), then the hall is not in Asia/Shanghai", () => {
    const shanghaiMidnight = Date.parse("2026-11-30T15:59:30Z");
    const zone = middayZone(shanghaiMidnight);
    expect(zone).not.toBe("Asia/Shanghai");
    expect(wallClock(shanghaiMidnight, zone).minutes).toBe(12 * 60 - 1);
  });

  it("the zones are whole hours without daylight saving time, one for each offset from −11 to +14", () => {
    const offsets = (at: number) => HALL_ZONES.map((zone) => wallClock(at, zone).offset);
    const expected = Array.from({ length: 26 }, (_, i) => (i - 11) * 60);
    for (const day of DAYS) expect(offsets(day)).toEqual(expected);
  });
});

describe("dayEndZones", () => {
  it("when the test starts at any time of day, then `before` is an hour or more from midnight and a day behind `after`", () => {
    for (const start of STARTS) {
      const { before, after } = dayEndZones(start);
      const at = `${before} at ${new Date(start).toISOString()}`;
      expect(wallClock(start, before).minutes, at).toBeGreaterThanOrEqual(8 * 60);
      // Still the same day an hour later, and still a day behind `after`.
      expect(wallClock(start + HOUR - 60_000, before).day, at).toBe(wallClock(start, before).day);
      expect(wallClock(start + HOUR, before).day < wallClock(start + HOUR, after).day, at).toBe(true);
      expect(wallClock(start, before).day < wallClock(start, after).day, at).toBe(true);
    }
  });
});

describe("wallClock", () => {
  it("reads a zone's day, minutes and offset", () => {
    expect(wallClock(Date.parse("2026-11-30T15:59:30Z"), "Asia/Shanghai")).toEqual({
      day: "2026-11-30",
      minutes: 23 * 60 + 59,
      offset: 480,
    });
    expect(wallClock(Date.parse("2026-07-15T02:30:00Z"), PC_ZONE)).toEqual({
      day: "2026-07-14",
      minutes: 22 * 60 + 30,
      offset: -240,
    });
  });
});
