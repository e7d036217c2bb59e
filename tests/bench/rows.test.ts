import { describe, expect, it } from "vitest";
import type { LoopResult } from "./clock.ts";
import type { OpenLoopResult } from "./openLoop.ts";
import { bestCeiling, callNextRows, issueRows, sqliteRows } from "./rows.ts";

const loop = (ok: number, elapsedMs: number, latencies: number[]): LoopResult => ({
  latenciesMs: latencies,
  ok,
  failed: 0,
  error: null,
  elapsedMs,
});

describe("issueRows", () => {
  it("when the closed loop reaches 300/s against a 500/s ceiling, then the ratio is 0.6 and meets the target", () => {
    const open: OpenLoopResult = { ...loop(500, 1000, [1, 2, 3]), unanswered: 0, sentLatenciesMs: [1] };
    const rows = issueRows(
      {
        open,
        closed: loop(600, 2000, [5]),
        httpBaseline: loop(2400, 2000, [1]),
        closedCpuMs: 1200,
        firstRefusal: null,
      },
      500,
      500,
    );
    const baseline = rows.find((r) => r.key === "issue.httpBaseline.perSec")!;
    expect(baseline.value).toBeCloseTo(1200);
    expect(baseline.note).toContain("0.25 of it");
    const ratio = rows.find((r) => r.key === "issue.closed.ratioToSqlite")!;
    expect(ratio.value).toBeCloseTo(0.6);
    expect(ratio.target).toEqual({ op: ">=", value: 0.5 });
    expect(rows.find((r) => r.key === "issue.closed.perSec")!.value).toBeCloseTo(300);
    expect(rows.find((r) => r.key === "issue.open.achievedPerSec")!.value).toBeCloseTo(500);
    expect(rows.find((r) => r.key === "issue.closed.serverCpuMsPerTicket")!.value).toBeCloseTo(2);
    expect(rows.find((r) => r.key === "issue.open.sentP99Ms")!.value).toBe(1);
  });

  it("when requests failed or went unanswered, then the note says so", () => {
    const open: OpenLoopResult = { ...loop(10, 1000, [1]), failed: 2, unanswered: 3, sentLatenciesMs: [1] };
    const rows = issueRows(
      { open, closed: loop(1, 1, [1]), closedCpuMs: null, firstRefusal: "429 rate_limited" },
      500,
      1,
    );
    const note = rows.find((r) => r.key === "issue.open.achievedPerSec")!.note;
    expect(note).toContain("2 non-201");
    expect(note).toContain("3 unanswered");
    expect(rows.find((r) => r.key === "issue.closed.serverCpuMsPerTicket")!.note).toContain("429 rate_limited");
  });

  it("when no ceiling was measured, then the ratio is NaN", () => {
    const open: OpenLoopResult = { ...loop(1, 1, [1]), unanswered: 0, sentLatenciesMs: [1] };
    const rows = issueRows({ open, closed: loop(1, 1, [1]), closedCpuMs: null, firstRefusal: null }, 500, Number.NaN);
    expect(rows.find((r) => r.key === "issue.closed.ratioToSqlite")!.value).toBeNaN();
    expect(rows.find((r) => r.key === "issue.closed.serverCpuMsPerTicket")!.value).toBeNaN();
  });
});

describe("bestCeiling and sqliteRows", () => {
  it("when both measurements exist, then the higher one is the ceiling", () => {
    const a = { transactions: 300, elapsedMs: 1000, perSecond: 300 };
    const b = { transactions: 450, elapsedMs: 1000, perSecond: 450 };
    expect(bestCeiling(a, b)).toBe(450);
    expect(bestCeiling(null, a)).toBe(300);
    expect(bestCeiling(null, null)).toBeNaN();
  });

  it("when a measurement failed, then its row is NaN and says failed", () => {
    const rows = sqliteRows(null, { transactions: 3, elapsedMs: 1000, perSecond: 3 });
    expect(rows[0]!.value).toBeNaN();
    expect(rows[0]!.note).toBe("failed");
    expect(rows[1]!.value).toBe(3);
  });
});

describe("callNextRows", () => {
  it("when 100 calls took 2 s, then the throughput is 50 calls/s and a dry queue is noted", () => {
    const rows = callNextRows({ latenciesMs: [1, 2], called: 100, elapsedMs: 2000, drained: true, cpuMs: 300 });
    expect(rows.find((r) => r.key === "callNext.serverCpuMsPerCycle")!.value).toBe(3);
    const rate = rows.find((r) => r.key === "callNext.perSec")!;
    expect(rate.value).toBe(50);
    expect(rate.note).toContain("queue ran dry");
  });
});
