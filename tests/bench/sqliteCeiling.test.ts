import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { measureSqliteCeiling, type CeilingResult } from "./sqliteCeiling.ts";
import { summarize } from "./stats.ts";

const benchDirs = () => readdirSync(tmpdir()).filter((f) => f.startsWith("onewindow-bench-sqlite-"));

/** The checks every ceiling result must pass: a rate that matches its counts, commit times that fit the run. */
function expectConsistent(r: CeilingResult): void {
  expect(r.transactions).toBeGreaterThan(0);
  expect(r.perSecond).toBeCloseTo((r.transactions * 1000) / r.elapsedMs, 6);
  expect(r.commitMs.count).toBe(r.transactions);
  expect(r.commitMs.p50).toBeGreaterThan(0);
  expect(r.commitMs.p99).toBeGreaterThanOrEqual(r.commitMs.p50);
  // The commit times are differences of consecutive clock readings, so in exact arithmetic they add up to the
  // elapsed time; only rounding (u = 2^-53 = EPSILON / 2 per operation) separates mean × count from it: each
  // difference and the elapsed time err by at most u of themselves, the sum of n doubles by (n - 1)·u·Σ (Higham,
  // "Accuracy and Stability of Numerical Algorithms", §4.2), the division for the mean and the multiplication back
  // by u each. In all under (2n + 2)·u·elapsed = (n + 1)·EPSILON·elapsed; (n + 2)·EPSILON·elapsed is allowed. For a
  // million commits in a 3 s run that is under 1 ns, far below one commit (an fsync), so a commit counted twice or
  // lost still fails.
  const n = r.transactions;
  expect(Math.abs(r.commitMs.mean * n - r.elapsedMs)).toBeLessThanOrEqual((n + 2) * Number.EPSILON * r.elapsedMs);
}

/** A result computed the way measureSqliteCeiling computes it, from the clock readings it would take. */
function resultFromClock(readings: readonly number[]): CeilingResult {
  const latencies = readings.slice(1).map((now, i) => now - readings[i]!);
  const elapsedMs = readings[readings.length - 1]! - readings[0]!;
  const transactions = latencies.length;
  return { transactions, elapsedMs, perSecond: (transactions * 1000) / elapsedMs, commitMs: summarize(latencies) };
}

describe("measureSqliteCeiling", () => {
  it("when run briefly, then it commits transactions, reports a consistent rate and leaves no temp dir", () => {
    const before = new Set(benchDirs());
    expectConsistent(measureSqliteCeiling(50));
    expect(benchDirs().filter((d) => !before.has(d))).toEqual([]);
  });

  it("when the commit times add up to the elapsed time only up to rounding, then the result still counts as consistent", () => {
    // performance.now() readings of a real-looking run: the seven commits take exactly the elapsed 14.563 ms, but
    // the mean (summed in sorted order, then divided) times 7 comes out 2 ulps above the elapsed time.
    const r = resultFromClock([1261.761, 1264.462, 1266.272, 1269.699, 1271.231, 1272.697, 1275.399, 1276.324]);
    expectConsistent(r);
  });

  it("when the duration is not positive, then a RangeError is thrown before any file is made", () => {
    expect(() => measureSqliteCeiling(0)).toThrow(RangeError);
    expect(() => measureSqliteCeiling(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
