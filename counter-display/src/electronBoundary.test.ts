/**
 * `electron` (and station-shell's main-process parts) is imported only by the main-process files
 * (counter-display/src/main/), and nothing outside that folder imports them, so no module a test loads can reach
 * electron (whose package downloads its binary on first require). ESLint forbids the import elsewhere; station-shell's
 * `electronBoundaryOf` checks the rest, which lint cannot see.
 */
import { electronBoundaryOf } from "@onewindow/station-shell/testing";
import { describe, expect, it } from "vitest";

describe("the electron boundary in counter-display/src", () => {
  const report = electronBoundaryOf(import.meta.dirname);

  it("when a file imports electron, then it is a main-process file", () => {
    expect(report.electronImporters).toEqual(expect.arrayContaining(["main/main.ts", "main/counterWindows.ts"]));
    expect(report.electronOutsideMain).toEqual([]);
  });

  it("when a file outside main/ imports, then none of its imports reach into main/", () => {
    expect(report.reachingIntoMain).toEqual([]);
  });

  it("when a test sits in main/, then it would load electron: there is none", () => {
    expect(report.testsInMain).toEqual([]);
  });
});
