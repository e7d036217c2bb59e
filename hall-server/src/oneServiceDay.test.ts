/**
 * Guard of issue 7, item 5: "today" has one definition. Only domain/serviceDay.ts does calendar or time-zone
 * arithmetic, and only services/serviceDay.ts asks it which service day an instant falls on; every use case takes
 * the day from there. (Lint says the same in eslint.config.js; this test holds even if a later lint block overrides
 * that one.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.ts$/.test(e.name) && !/\.(test|bench)\.ts$/.test(e.name) ? [path] : [];
  });
}

const files = sources(root).map((path) => ({
  file: relative(root, path).replaceAll("\\", "/"),
  // Comments may speak of days; only code counts.
  code: readFileSync(path, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1"),
}));

const offenders = (pattern: RegExp, allowed: readonly string[]) =>
  files.filter((f) => !allowed.includes(f.file) && pattern.test(f.code)).map((f) => f.file);

describe("one definition of the hall's service day", () => {
  it("when the hall-server sources are scanned, then only domain/serviceDay.ts does calendar or time-zone arithmetic", () => {
    const calendar =
      /\bIntl\s*\.|\.(get|set)(UTC)?(FullYear|Month|Date|Day|Hours)\s*\(|\.getTimezoneOffset\s*\(|\.toISOString\s*\(|\.toLocale(Date|Time)?String\s*\(|\.toDateString\s*\(/;
    expect(files.length).toBeGreaterThan(20);
    expect(offenders(calendar, ["domain/serviceDay.ts"])).toEqual([]);
  });

  it("when the hall-server sources are scanned, then only services/serviceDay.ts asks which service day or local minute an instant falls on", () => {
    const asksDay = /\b(serviceDayOf|localDay|localMinutes|nextServiceDayBoundary)\s*\(/;
    expect(offenders(asksDay, ["domain/serviceDay.ts", "services/serviceDay.ts"])).toEqual([]);
  });
});
