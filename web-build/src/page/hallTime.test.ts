import { describe, expect, it } from "vitest";
import { hallClock, hallDay } from "./hallTime.ts";

// 2026-11-30 23:32 in Shanghai is still the 30th at 15:32 in UTC, and 10:32 in New York.
const AT = Date.parse("2026-11-30T15:32:00Z");

describe("times in the hall's time zone", () => {
  it.each([
    ["Asia/Shanghai", "23:32"],
    ["UTC", "15:32"],
    ["America/New_York", "10:32"],
  ])("when the hall is in %s, then the clock reads %s whatever this machine's zone", (zone, clock) => {
    expect(hallClock(AT, zone)).toBe(clock);
  });

  it("when seconds are asked for, then the clock reads HH:MM:SS, 24-hour", () => {
    expect(hallClock(AT + 7_000, "Asia/Shanghai", true)).toBe("23:32:07");
  });

  it("when the hall's day has turned and UTC's has not, then the hall's day is shown", () => {
    const justAfterMidnight = Date.parse("2026-11-30T16:05:00Z");
    expect(hallDay(justAfterMidnight, "Asia/Shanghai", "zh-CN")).toBe("12月1日星期二");
    expect(hallDay(justAfterMidnight, "UTC", "zh-CN")).toBe("11月30日星期一");
    expect(hallClock(justAfterMidnight, "Asia/Shanghai")).toBe("00:05");
  });
});
