/**
 * `electron` is imported only by the main-process files (kiosk/src/main/), and nothing outside that folder imports
 * them, so no module a test loads can reach electron (whose package downloads its binary on first require). ESLint
 * forbids the import elsewhere; this checks the second half, which lint cannot see.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = import.meta.dirname;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const importsOf = (file: string): string[] =>
  ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((ref) => ref.fileName);

describe("the electron boundary in kiosk/src", () => {
  const files = tsFiles(SRC).map((file) => ({ file: relative(SRC, file), imports: importsOf(file) }));

  it("when a file imports electron, then it is a main-process file", () => {
    const importers = files.filter(({ imports }) => imports.includes("electron")).map(({ file }) => file);
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !file.startsWith("main/"))).toEqual([]);
  });

  it("when a file outside main/ imports, then none of its imports reach into main/", () => {
    const reaching = files
      .filter(({ file }) => !file.startsWith("main/"))
      .filter(({ imports }) => imports.some((name) => /(^|\/)main\//.test(name)))
      .map(({ file }) => file);
    expect(reaching).toEqual([]);
  });

  it("when a test sits in main/, then it would load electron: there is none", () => {
    expect(files.filter(({ file }) => file.startsWith("main/") && file.endsWith(".test.ts"))).toEqual([]);
  });
});
