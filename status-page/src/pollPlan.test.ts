import { describe, expect, it } from "vitest";
import { backoffMs, MAX_BACKOFF_MS, MIN_POLL_MS, nextPollMs } from "./pollPlan.ts";

describe("the status page's poll plan", () => {
  it("when the ticket is near the front or called, then it polls every 3 s; further back, less often", () => {
    expect(nextPollMs("waiting", 0)).toBe(3_000);
    expect(nextPollMs("waiting", 3)).toBe(3_000);
    expect(nextPollMs("waiting", 4)).toBe(6_000);
    expect(nextPollMs("waiting", 10)).toBe(6_000);
    expect(nextPollMs("waiting", 11)).toBe(15_000);
    expect(nextPollMs("called", undefined)).toBe(3_000);
    expect(nextPollMs("serving", undefined)).toBe(10_000);
    expect(nextPollMs("no_show", undefined)).toBe(15_000);
  });

  it("when the ticket's story has ended, then it stops", () => {
    for (const s of ["done", "cancelled", "expired", "voided"] as const)
      expect(nextPollMs(s, undefined)).toBeUndefined();
  });

  it("when polls fail, then it backs off 3, 6, 12 … s up to a minute, and honours Retry-After", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffMs(n))).toEqual([
      3_000, 6_000, 12_000, 24_000, 48_000, 60_000, 60_000,
    ]);
    expect(backoffMs(1, 40)).toBe(40_000);
    expect(backoffMs(5, 1)).toBe(48_000);
    expect(backoffMs(1, Number.NaN)).toBe(3_000);
  });

  it("never polls faster than the hall's per-token limit (0.5 per second sustained) allows", () => {
    expect(MIN_POLL_MS).toBeGreaterThanOrEqual(2_000);
    for (const s of ["waiting", "called", "serving", "on_hold", "no_show", "reserved", "transferred"] as const)
      for (const ahead of [undefined, 0, 1, 5, 50]) expect(nextPollMs(s, ahead)).toBeGreaterThanOrEqual(MIN_POLL_MS);
    expect(MAX_BACKOFF_MS).toBe(60_000);
  });
});
