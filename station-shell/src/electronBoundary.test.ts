import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { electronBoundaryOf } from "./testing/electronBoundary.ts";

const scratch = mkdtempSync(join(tmpdir(), "onewindow-boundary-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(scratch, "src-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("the electron boundary in station-shell/src", () => {
  it("when read, then electron is imported in main/ only, nothing reaches into main/, and no test sits there", () => {
    const report = electronBoundaryOf(import.meta.dirname);
    expect(report.electronImporters.length).toBeGreaterThan(0);
    expect(report.electronOutsideMain).toEqual([]);
    expect(report.reachingIntoMain).toEqual([]);
    expect(report.testsInMain).toEqual([]);
  });
});

describe("the boundary check itself", () => {
  it("when a policy file imports electron or the shared main parts, or reaches into main/, then it is named", () => {
    const report = electronBoundaryOf(
      tree({
        "main/main.ts": 'import { app } from "electron";',
        "main/window.test.ts": "export {};",
        "policy/a.ts": 'import { BrowserWindow } from "electron";',
        "policy/b.ts": 'import { superviseWindow } from "@onewindow/station-shell/main";',
        "policy/c.ts": 'export { x } from "../main/main.ts";',
        "policy/d.ts": 'import { pageUrl } from "@onewindow/station-shell";',
      }),
    );
    expect(report.electronOutsideMain).toEqual(["policy/a.ts", "policy/b.ts"]);
    expect(report.reachingIntoMain).toEqual(["policy/c.ts"]);
    expect(report.testsInMain).toEqual(["main/window.test.ts"]);
  });
});
