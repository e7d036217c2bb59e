// Integration: the real hall-server CLI in a child process, driven by the HTTP benchmarks at a small scale.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BENCH_LIMITS_NOTICE, BENCH_RATE_LIMITS, withBenchHall, type BenchHall } from "./benchHall.ts";
import { runCallNextBench } from "./callNextBench.ts";
import { runIssueBench } from "./issueBench.ts";
import { runTwoPhaseBench } from "./twoPhaseBench.ts";

const alive = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("withBenchHall and the HTTP benchmarks", () => {
  it("when the benchmarks run at a small scale, then every request is answered and the hall is removed", async () => {
    let seen: BenchHall | undefined;
    const said: string[] = [];
    await withBenchHall(
      async (hall) => {
        seen = hall;
        expect(alive(hall.pid)).toBe(true);
        // The bench hall raises the limits the benchmarks hit, and says so.
        const config = JSON.parse(readFileSync(join(hall.dir, "config.json"), "utf8")) as { rateLimits: unknown };
        expect(config.rateLimits).toEqual(BENCH_RATE_LIMITS);
        expect(said).toEqual([BENCH_LIMITS_NOTICE]);
        const issue = await runIssueBench(
          hall.url,
          hall.tokens["online-hall"]!,
          { ratePerSecond: 100, openMs: 200, closedMs: 200, concurrency: 4, warmupRequests: 10, drainMs: 20_000 },
          hall.cpuMs,
        );
        expect(issue.open.ok).toBe(20);
        expect(issue.open.unanswered).toBe(0);
        expect(issue.open.latenciesMs).toHaveLength(20);
        expect(issue.closed.ok).toBeGreaterThan(0);
        expect(issue.closed.failed).toBe(0);
        expect(issue.issued).toBe(10 + 20 + issue.closed.ok);
        expect(issue.firstRefusal).toBeNull();
        // The HTTP baseline is only a baseline when no GET /health of it was refused (429).
        expect(issue.httpBaseline.ok).toBeGreaterThan(0);
        expect(issue.httpBaseline.failed).toBe(0);

        // The kiosk's two phases: every take is a reservation and its confirmation, and each one waits after.
        const twoPhase = await runTwoPhaseBench(hall.url, hall.tokens["kiosk-1"]!, { concurrency: 4, durationMs: 200 });
        expect(twoPhase.closed.ok).toBeGreaterThan(0);
        expect(twoPhase.closed.failed).toBe(0);
        expect(twoPhase.closed.latenciesMs).toHaveLength(twoPhase.closed.ok);
        expect(twoPhase.firstRefusal).toBeNull();

        // Fewer tickets than the windows can call in the time: the queue runs dry and the bench says so.
        const calls = await runCallNextBench(hall, { preIssue: 0, durationMs: 60_000, windows: 3 });
        expect(calls.drained).toBe(true);
        expect(calls.called).toBe(issue.issued + twoPhase.closed.ok);
        expect(calls.latenciesMs).toHaveLength(calls.called);
      },
      (line) => said.push(line),
    );
    expect(alive(seen?.pid)).toBe(false);
    expect(existsSync(seen!.dir)).toBe(false);
  }, 120_000);

  it("when the work fails, then the error comes through and the server and its directory are gone", async () => {
    let seen: BenchHall | undefined;
    await expect(
      withBenchHall((hall) => {
        seen = hall;
        return Promise.reject(new Error("work failed"));
      }),
    ).rejects.toThrow("work failed");
    expect(alive(seen?.pid)).toBe(false);
    expect(existsSync(seen!.dir)).toBe(false);
  }, 60_000);
});
