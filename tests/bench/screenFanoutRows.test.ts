import { describe, expect, it } from "vitest";
import { meets } from "./report.ts";
import { fanoutSkipReason, type FanoutRun } from "./screenFanoutBench.ts";
import { screenFanoutRows, screenFanoutSkipped } from "./screenFanoutRows.ts";

const run = (clients: number, latenciesMs: number[], rssMb: number | null, lost = 0): FanoutRun => ({
  clients,
  latenciesMs,
  firstMs: latenciesMs.slice(0, 1),
  lost,
  cpuMsPerCall: 12,
  rssBytes: rssMb === null ? null : rssMb * 1024 * 1024,
});

describe("screen fan-out rows", () => {
  it("when 1,000 clients had every call within 80 ms at 150 MB, then both targets are met on the loaded run only", () => {
    const rows = screenFanoutRows({
      baseline: run(1, [3, 4, 5], 140),
      loaded: run(
        1000,
        Array.from({ length: 1000 }, (_, i) => 10 + (i % 70)),
        150,
      ),
      connectMs: 2000,
    });
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(Object.keys(byKey)).toEqual([
      "fanout.baseline.p99Ms",
      "fanout.baseline.cpuMsPerCall",
      "fanout.baseline.rssMb",
      "fanout.loaded.p99Ms",
      "fanout.loaded.cpuMsPerCall",
      "fanout.loaded.rssMb",
      "fanout.loaded.connectMs",
    ]);
    expect(byKey["fanout.baseline.p99Ms"]!.target).toBeUndefined();
    expect(byKey["fanout.loaded.p99Ms"]!.value).toBe(79);
    expect(meets(byKey["fanout.loaded.p99Ms"]!.value, byKey["fanout.loaded.p99Ms"]!.target!)).toBe(true);
    expect(byKey["fanout.loaded.rssMb"]!.value).toBe(150);
    expect(meets(150, byKey["fanout.loaded.rssMb"]!.target!)).toBe(true);
    expect(byKey["fanout.loaded.p99Ms"]!.label).toContain("1,000 clients");
  });

  it("when deliveries were lost or memory could not be read, then the note says so and the figure misses its target", () => {
    const rows = screenFanoutRows({ baseline: run(1, [1], 1), loaded: run(1000, [5, 6], null, 998), connectMs: 1 });
    const p99 = rows.find((r) => r.key === "fanout.loaded.p99Ms")!;
    expect(p99.note).toContain("998 never arrived");
    const rss = rows.find((r) => r.key === "fanout.loaded.rssMb")!;
    expect(Number.isNaN(rss.value)).toBe(true);
    expect(meets(rss.value, rss.target!)).toBe(false);
  });

  it("when ulimit -n is too low for the clients, then the section is skipped saying what to raise it to", () => {
    expect(fanoutSkipReason(1000, 1024)).toBe(
      "ulimit -n is 1024; 1000 screen clients need about 1200 (raise it with ulimit -n 1200)",
    );
    expect(fanoutSkipReason(1000, 20_000)).toBeNull();
    expect(fanoutSkipReason(1000, Infinity)).toBeNull();
    const [row] = screenFanoutSkipped("ulimit -n is 1024");
    expect(row).toMatchObject({ key: "fanout.loaded.p99Ms", note: "skipped: ulimit -n is 1024" });
    expect(Number.isNaN(row!.value)).toBe(true);
  });
});
