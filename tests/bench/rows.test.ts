import { describe, expect, it } from "vitest";
import type { LoopResult } from "./clock.ts";
import type { OpenLoopResult } from "./openLoop.ts";
import { bestCeiling, callNextRows, diskCommitP99, issueRows, sqliteRows, twoPhaseRows, voiceRows } from "./rows.ts";
import { summarize } from "./stats.ts";

const loop = (ok: number, elapsedMs: number, latencies: number[]): LoopResult => ({
  latenciesMs: latencies,
  ok,
  failed: 0,
  error: null,
  elapsedMs,
});

describe("twoPhaseRows", () => {
  it("when 200 takes ran in 2 s beside a one-phase loop of 300/s, then 100 takes/s, a third of it, in the issue section", () => {
    const rows = twoPhaseRows({ closed: loop(200, 2000, [4, 6, 8]), firstRefusal: null }, loop(600, 2000, [1]));
    expect(rows.map((r) => r.key)).toEqual(["issue.twoPhase.p50Ms", "issue.twoPhase.p99Ms", "issue.twoPhase.perSec"]);
    expect(new Set(rows.map((r) => r.section)).size).toBe(1);
    expect(rows[0]!.section).toBe(
      issueRows(
        {
          open: { ...loop(1, 1, [1]), unanswered: 0, sentLatenciesMs: [1] },
          closed: loop(1, 1, [1]),
          closedCpuMs: null,
          firstRefusal: null,
        },
        1,
        1,
      )[0]!.section,
    );
    expect(rows[2]!.value).toBeCloseTo(100);
    expect(rows[2]!.note).toContain("0.33 of one-phase issue");
    expect(rows[1]!.value).toBe(summarize([4, 6, 8]).p99);
  });
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

describe("bestCeiling, diskCommitP99 and sqliteRows", () => {
  const commits = (p99: number) => summarize([p99 / 2, p99]);
  const a = { transactions: 300, elapsedMs: 1000, perSecond: 300, commitMs: commits(4) };
  const b = { transactions: 450, elapsedMs: 1000, perSecond: 450, commitMs: commits(2) };

  it("when both measurements exist, then the higher rate is the ceiling and the lower commit p99 the disk's", () => {
    expect(bestCeiling(a, b)).toBe(450);
    expect(bestCeiling(null, a)).toBe(300);
    expect(bestCeiling(null, null)).toBeNaN();
    expect(diskCommitP99(a, b)).toBe(2);
    expect(diskCommitP99(null, null)).toBeNaN();
  });

  it("when a measurement failed, then its rows are NaN and say failed", () => {
    const rows = sqliteRows(null, { transactions: 3, elapsedMs: 1000, perSecond: 3, commitMs: commits(4) });
    expect(rows.map((r) => [r.key, r.value, r.note])).toEqual([
      ["sqlite.before.txPerSec", Number.NaN, "failed"],
      ["sqlite.before.commitP99Ms", Number.NaN, "failed"],
      ["sqlite.after.txPerSec", 3, "3 tx in 1.0 s"],
      ["sqlite.after.commitP99Ms", 4, "p50 2.00 ms, max 4.0 ms"],
    ]);
  });

  it("when the disk's commit p99 is known, then the issue p99 row shows it beside the target", () => {
    const open: OpenLoopResult = { ...loop(2, 1000, [1, 9]), unanswered: 0, sentLatenciesMs: [1] };
    const row = (disk?: number) =>
      issueRows({ open, closed: loop(1, 1, [1]), closedCpuMs: null, firstRefusal: null }, 500, 500, disk).find(
        (r) => r.key === "issue.open.p99Ms",
      )!.note;
    expect(row(3.5)).toBe("max 9.0 ms, from scheduled send time; one bare SQLite commit alone: p99 3.50 ms");
    expect(row()).toBe("max 9.0 ms, from scheduled send time");
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

describe("voiceRows", () => {
  it("when 100 calls took 1..100 ms to audio beside a 2 ms /health, then p50 50 and p99 99 against the 500 ms target, the baseline beside", () => {
    const ms = Array.from({ length: 100 }, (_, i) => i + 1);
    const rows = voiceRows({
      readyMs: ms,
      fetchMs: ms.map((m) => m / 2),
      baselineMs: [2, 2, 2],
      audioBytes: 512 * 1024,
      audioMs: 9500,
    });
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey["voice.readyP50Ms"]?.value).toBe(50);
    expect(byKey["voice.readyP99Ms"]?.value).toBe(99);
    expect(byKey["voice.readyP99Ms"]?.target).toEqual({ op: "<=", value: 500 });
    expect(byKey["voice.fetchP50Ms"]?.value).toBe(25);
    expect(byKey["voice.baselineP50Ms"]?.value).toBe(2);
    expect(byKey["voice.readyP50Ms"]?.note).toContain("512 KiB WAV playing 9.5 s");
    expect(new Set(rows.map((r) => r.section)).size).toBe(1);
  });
});
