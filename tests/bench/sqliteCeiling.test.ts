import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { measureSqliteCeiling } from "./sqliteCeiling.ts";

const benchDirs = () => readdirSync(tmpdir()).filter((f) => f.startsWith("onewindow-bench-sqlite-"));

describe("measureSqliteCeiling", () => {
  it("when run briefly, then it commits transactions, reports a consistent rate and leaves no temp dir", () => {
    const before = new Set(benchDirs());
    const r = measureSqliteCeiling(50);
    expect(r.transactions).toBeGreaterThan(0);
    expect(r.perSecond).toBeCloseTo((r.transactions * 1000) / r.elapsedMs, 6);
    expect(r.commitMs.count).toBe(r.transactions);
    expect(r.commitMs.p50).toBeGreaterThan(0);
    expect(r.commitMs.p99).toBeGreaterThanOrEqual(r.commitMs.p50);
    expect(r.commitMs.mean * r.transactions).toBeLessThanOrEqual(r.elapsedMs);
    expect(benchDirs().filter((d) => !before.has(d))).toEqual([]);
  });

  it("when the duration is not positive, then a RangeError is thrown before any file is made", () => {
    expect(() => measureSqliteCeiling(0)).toThrow(RangeError);
    expect(() => measureSqliteCeiling(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
