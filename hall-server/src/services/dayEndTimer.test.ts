import { describe, expect, it } from "vitest";
import { startDayEndTimer } from "./dayEndTimer.ts";

const at = (iso: string) => Date.parse(iso);

/** Timers run by hand: each armed timer is recorded with its delay and fired by the test. */
function manualTimers() {
  const armed: { fn: () => void; ms: number; cleared: boolean }[] = [];
  return {
    armed,
    setTimer: (fn: () => void, ms: number) => (armed.push({ fn, ms, cleared: false }), {}),
    clearTimer: () => armed.forEach((t) => (t.cleared = true)),
  };
}

describe("the day-end timer", () => {
  it.each([
    ["Asia/Shanghai", "2026-11-25T23:59:59.999+08:00", 1],
    ["Asia/Shanghai", "2026-11-25T10:00:00.000+08:00", 14 * 3_600_000],
    // Berlin's 25-hour day: from its midnight, the day ends 25 hours later.
    ["Europe/Berlin", "2026-10-25T00:00:00.000+02:00", 25 * 3_600_000],
    // Berlin's 23-hour day.
    ["Europe/Berlin", "2026-03-29T00:00:00.000+01:00", 23 * 3_600_000],
  ])("when started in %s at %s, then it is set for the day's end, %i ms later", (zone, now, ms) => {
    const timers = manualTimers();
    const timer = startDayEndTimer({
      clock: () => at(now),
      config: { timeZone: zone },
      onDayEnd: () => {},
      onError: () => {},
      ...timers,
    });
    expect(timers.armed.map((t) => t.ms)).toEqual([ms]);
    expect(timer.nextAt).toBe(at(now) + ms);
  });

  it("when it fires at midnight, then the day ends once and the timer is re-armed for the next midnight", () => {
    const timers = manualTimers();
    let now = at("2026-11-25T23:00:00.000+08:00");
    let ended = 0;
    const timer = startDayEndTimer({
      clock: () => now,
      config: { timeZone: "Asia/Shanghai" },
      onDayEnd: () => ended++,
      onError: () => {},
      ...timers,
    });
    now = at("2026-11-26T00:00:00.000+08:00");
    timers.armed[0]!.fn();
    expect(ended).toBe(1);
    expect(timer.nextAt).toBe(at("2026-11-27T00:00:00.000+08:00"));
    expect(timers.armed[1]!.ms).toBe(24 * 3_600_000);
  });

  it("when it fires a little early by the hall's clock, then it is re-armed for the same midnight", () => {
    const timers = manualTimers();
    let now = at("2026-11-25T23:00:00.000+08:00");
    startDayEndTimer({
      clock: () => now,
      config: { timeZone: "Asia/Shanghai" },
      onDayEnd: () => {},
      onError: () => {},
      ...timers,
    });
    now = at("2026-11-25T23:59:59.990+08:00");
    timers.armed[0]!.fn();
    expect(timers.armed[1]!.ms).toBe(10);
  });

  it("when the day-end task throws, then the error is reported and the timer still re-arms", () => {
    const timers = manualTimers();
    const errors: unknown[] = [];
    startDayEndTimer({
      clock: () => at("2026-11-26T00:00:00.000+08:00"),
      config: { timeZone: "Asia/Shanghai" },
      onDayEnd: () => {
        throw new Error("disk full");
      },
      onError: (e) => errors.push(e),
      ...timers,
    });
    timers.armed[0]!.fn();
    expect(errors).toHaveLength(1);
    expect(timers.armed).toHaveLength(2);
  });

  it("when stopped, then its timer is cleared", () => {
    const timers = manualTimers();
    const timer = startDayEndTimer({
      clock: () => at("2026-11-25T10:00:00+08:00"),
      config: { timeZone: "Asia/Shanghai" },
      onDayEnd: () => {},
      onError: () => {},
      ...timers,
    });
    timer.stop();
    expect(timers.armed[0]!.cleared).toBe(true);
  });
});
