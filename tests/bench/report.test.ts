import { describe, expect, it } from "vitest";
import { formatJson, formatTable, formatValue, meets, type Row } from "./report.ts";

const rows: Row[] = [
  { key: "sqlite.txPerSec", section: "1. SQLite", label: "durable inserts", value: 1234.5, unit: "tx/s" },
  {
    key: "decision.p99Us",
    section: "4. Decision",
    label: "p99",
    value: 12.3456,
    unit: "µs",
    target: { op: "<=", value: 1000 },
  },
  {
    key: "issue.ratio",
    section: "4. Decision",
    label: "ratio",
    value: 0.3,
    unit: "",
    target: { op: ">=", value: 0.5 },
  },
];

describe("meets", () => {
  it("when the value is on the right side of the bound (inclusive), then the target is met", () => {
    expect(meets(1000, { op: "<=", value: 1000 })).toBe(true);
    expect(meets(1001, { op: "<=", value: 1000 })).toBe(false);
    expect(meets(0.5, { op: ">=", value: 0.5 })).toBe(true);
    expect(meets(0.49, { op: ">=", value: 0.5 })).toBe(false);
  });

  it("when the value was not measured (NaN), then no target is met", () => {
    expect(meets(Number.NaN, { op: "<=", value: 1 })).toBe(false);
    expect(meets(Number.NaN, { op: ">=", value: 1 })).toBe(false);
  });
});

describe("formatValue", () => {
  it("when values differ in magnitude, then fewer decimals are shown for larger ones", () => {
    expect(formatValue(12345.6)).toBe("12,346");
    expect(formatValue(12.345)).toBe("12.3");
    expect(formatValue(1.2345)).toBe("1.23");
    expect(formatValue(0.12345)).toBe("0.123");
    expect(formatValue(Number.NaN)).toBe("n/a");
  });
});

describe("formatTable", () => {
  it("when a row has a target, then a tick or a cross and the bound are printed beside it", () => {
    const text = formatTable(rows);
    expect(text).toMatch(/p99\s+12\.3 µs\s+✓ target ≤ 1,000 µs/);
    expect(text).toMatch(/ratio\s+0\.300\s+✗ target ≥ 0\.500/);
    expect(text.split("\n").filter((l) => l === "4. Decision")).toHaveLength(1);
  });

  it("when a section failed, then it is listed as not measured with its error", () => {
    expect(formatTable(rows, [{ section: "2. Issue", error: "server exited" }])).toContain(
      "2. Issue: NOT MEASURED — server exited",
    );
  });
});

describe("formatJson", () => {
  it("when formatted, then it is one line of JSON with results, targets and meta", () => {
    const line = formatJson([...rows, { key: "x", section: "s", label: "l", value: Number.NaN, unit: "" }], [], {
      node: "v20",
    });
    expect(line).not.toContain("\n");
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      node: "v20",
      results: { "sqlite.txPerSec": 1234.5, "decision.p99Us": 12.3456, x: null },
      targets: { "decision.p99Us": { op: "<=", value: 1000, met: true }, "issue.ratio": { met: false } },
      failures: [],
    });
  });
});
