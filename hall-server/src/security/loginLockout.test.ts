import { describe, expect, it } from "vitest";
import { LoginLockout } from "./loginLockout.ts";

describe("LoginLockout", () => {
  const make = () => {
    const clock = { now: 0 };
    const lockout = new LoginLockout({
      maxFailures: 3,
      windowMs: 60_000,
      lockMs: 300_000,
      maxKeys: 2,
      now: () => clock.now,
    });
    return { clock, lockout };
  };

  it("when an account fails fewer times than the limit, then it may keep trying", () => {
    const { lockout } = make();
    lockout.recordFailure("GW005");
    lockout.recordFailure("GW005");
    expect(lockout.lockedFor("GW005")).toBe(0);
  });

  it("when it reaches the limit, then it is locked until the lock time after the last failure has passed", () => {
    const { clock, lockout } = make();
    for (let i = 0; i < 3; i++) lockout.recordFailure("GW005");
    expect(lockout.lockedFor("GW005")).toBe(300_000);
    clock.now = 299_999;
    expect(lockout.lockedFor("GW005")).toBe(1);
    clock.now = 300_001;
    expect(lockout.lockedFor("GW005")).toBe(0);
    expect(lockout.lockedFor("GW006")).toBe(0);
  });

  it("when a success comes between failures, then the count starts again", () => {
    const { lockout } = make();
    lockout.recordFailure("GW005");
    lockout.recordFailure("GW005");
    lockout.recordSuccess("GW005");
    lockout.recordFailure("GW005");
    expect(lockout.lockedFor("GW005")).toBe(0);
  });

  it("when more accounts fail than it keeps, then the least recent is forgotten (bounded memory)", () => {
    const { lockout } = make();
    for (const key of ["A", "B", "C"]) for (let i = 0; i < 3; i++) lockout.recordFailure(key);
    expect(lockout.lockedFor("A")).toBe(0);
    expect(lockout.lockedFor("C")).toBeGreaterThan(0);
  });
});
