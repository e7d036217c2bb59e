/**
 * The electron boundary of a shell's source folder, for its electronBoundary.test.ts: `electron` (and
 * `@onewindow/station-shell/main`, which imports it) may be imported only by files in `main/`, nothing outside
 * `main/` may import a `main/` file, and no test sits in `main/`, so no module a test loads can reach electron
 * (whose package downloads its binary on first require). ESLint forbids the direct import elsewhere; this checks
 * the rest, which lint cannot see.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** Module names that load electron. */
const ELECTRON_MODULES = new Set(["electron", "@onewindow/station-shell/main"]);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? tsFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const importsOf = (file: string): string[] =>
  ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((ref) => ref.fileName);

/** What crosses the boundary in `srcDir`; every list empty means it holds. Paths are relative to `srcDir`. */
export interface ElectronBoundaryReport {
  /** Files that import electron (or the shared main-process parts): expected, in main/. */
  readonly electronImporters: readonly string[];
  /** Of those, the ones outside main/. */
  readonly electronOutsideMain: readonly string[];
  /** Files outside main/ that import a main/ file. */
  readonly reachingIntoMain: readonly string[];
  /** Tests in main/ (they would load electron). */
  readonly testsInMain: readonly string[];
}

/** Read every .ts file under `srcDir` and report the imports that cross the boundary. */
export function electronBoundaryOf(srcDir: string): ElectronBoundaryReport {
  const files = tsFiles(srcDir).map((file) => ({
    file: relative(srcDir, file).split("\\").join("/"),
    imports: importsOf(file),
  }));
  const inMain = (file: string) => file.startsWith("main/");
  const electronImporters = files
    .filter(({ imports }) => imports.some((name) => ELECTRON_MODULES.has(name)))
    .map(({ file }) => file);
  return {
    electronImporters,
    electronOutsideMain: electronImporters.filter((file) => !inMain(file)),
    reachingIntoMain: files
      .filter(({ file }) => !inMain(file))
      .filter(({ imports }) => imports.some((name) => name.startsWith(".") && /(^|\/)main\//.test(name)))
      .map(({ file }) => file),
    testsInMain: files.filter(({ file }) => inMain(file) && file.endsWith(".test.ts")).map(({ file }) => file),
  };
}
