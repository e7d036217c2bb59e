import { describe, expect, it } from "vitest";
import { isOpen, minutesOfDay } from "./serviceHours.ts";

const weekdays = [{ weekdays: [1, 2, 3, 4, 5], open: "09:00", close: "12:00" }];

describe("service hours", () => {
  it("when a period closes at 24:00, then the day's last half-hour slot is open (closing at 23:59 shut it)", () => {
    const allDay = [{ weekdays: [1], open: "00:00", close: "24:00" }];
    expect(isOpen(allDay, 1, 1410, 1440)).toBe(true);
    expect(isOpen([{ ...allDay[0]!, close: "23:59" }], 1, 1410, 1440)).toBe(false);
  });

  it.each([
    ["00:00", 0],
    ["09:30", 570],
    ["23:59", 1439],
    ["24:00", 1440],
  ])("when %s is read, then it is minute %i of the day", (hhmm, minutes) => {
    expect(minutesOfDay(hhmm)).toBe(minutes);
  });

  it.each([
    [3, 539, undefined, false], // 08:59
    [3, 540, undefined, true], // 09:00
    [3, 719, undefined, true], // 11:59
    [3, 720, undefined, false], // 12:00 is closed
    [6, 600, undefined, false], // Saturday
    [3, 690, 720, true], // a 30-minute slot ending at closing time fits
    [3, 700, 730, false], // one running past closing time does not
  ])("when weekday %i from minute %i to %s is asked, then open is %s", (weekday, from, to, open) => {
    expect(isOpen(weekdays, weekday, from, to)).toBe(open);
  });
});
