import { afterEach, describe, expect, it, vi } from "vitest";
import { detectSleep } from "./sleepDetector.ts";

describe("sleep detector", () => {
  afterEach(() => vi.useRealTimers());

  it("when the clock jumps past the limit between two ticks (the PC slept), then it reports a wake once", () => {
    vi.useFakeTimers();
    let clock = 1_000_000;
    const wakes: number[] = [];
    const stop = detectSleep(() => wakes.push(clock), { tickMs: 5000, jumpMs: 15_000, now: () => clock });
    for (let i = 0; i < 4; i++) {
      clock += 5000;
      vi.advanceTimersByTime(5000);
    }
    expect(wakes).toEqual([]);
    // Asleep for ten minutes: the next tick sees the jump.
    clock += 600_000 + 5000;
    vi.advanceTimersByTime(5000);
    expect(wakes).toEqual([clock]);
    clock += 5000;
    vi.advanceTimersByTime(5000);
    expect(wakes).toHaveLength(1);
    stop();
    clock += 600_000;
    vi.advanceTimersByTime(5000);
    expect(wakes).toHaveLength(1);
  });

  it("when ticks come late but within the limit (a busy machine), then no wake is reported", () => {
    vi.useFakeTimers();
    let clock = 0;
    const onWake = vi.fn();
    const stop = detectSleep(onWake, { tickMs: 5000, jumpMs: 15_000, now: () => clock });
    clock += 14_000;
    vi.advanceTimersByTime(5000);
    expect(onWake).not.toHaveBeenCalled();
    stop();
  });
});
