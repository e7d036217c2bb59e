import { describe, expect, it } from "vitest";
import { LoginLockout, type FailureRun } from "./loginLockout.ts";

describe("LoginLockout", () => {
  const lockout = new LoginLockout({ maxFailures: 3, windowMs: 60_000, lockMs: 300_000 });
  const fail = (times: number[], run?: FailureRun) => times.reduce((r, t) => lockout.afterFailure(r, t), run);

  it("when a pair fails fewer times than the limit, then it may keep trying", () => {
    expect(lockout.lockedFor(fail([0, 1_000]), 1_000)).toBe(0);
    expect(lockout.lockedFor(undefined, 0)).toBe(0);
  });

  it("when it reaches the limit, then it is locked until the lock time after the last failure has passed", () => {
    const run = fail([0, 0, 0]);
    expect(lockout.lockedFor(run, 0)).toBe(300_000);
    expect(lockout.lockedFor(run, 299_999)).toBe(1);
    expect(lockout.lockedFor(run, 300_001)).toBe(0);
  });

  it("when failures are further apart than the window, then the run starts again", () => {
    const run = fail([0, 1_000, 62_000]);
    expect(run).toEqual({ failures: 1, firstAt: 62_000, lastAt: 62_000 });
    expect(lockout.lockedFor(run, 62_000)).toBe(0);
  });

  it("when the clock steps back, then the run keeps its latest failure time", () => {
    expect(fail([10_000, 5_000])).toEqual({ failures: 2, firstAt: 10_000, lastAt: 10_000 });
  });

  it("when asked what may be forgotten, then it is whatever is older than both the window and the lock", () => {
    expect(lockout.forgetBefore(1_000_000)).toBe(700_000);
  });
});
