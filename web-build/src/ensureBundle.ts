/**
 * Build a station page only when its bundle is missing or stale, so a command that serves the page (`npm run demo`)
 * pays for a build once after `npm ci` or a source change, not on every start.
 *
 *   page sources + build inputs --sha256--> hash --same as <outDir>/.source-hash?--> yes: use the bundle as it is
 *                                                                                  no: vite build -> <tmp> -> rename
 *
 * The build writes into a sibling temporary directory and is renamed into place, so a reader never sees half a
 * bundle and two processes building at once each end with a complete one.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { stationPageConfig, type StationPage } from "./pageConfig.ts";

/** What `ensureBundle` did. */
export interface BundleResult {
  /** true when it ran a build, false when the bundle on disk was current. */
  readonly built: boolean;
  readonly outDir: string;
  /** sha256 (hex) of the sources the bundle was built from. */
  readonly hash: string;
  /** Wall time of the check and any build, in milliseconds. */
  readonly ms: number;
}

/** A page plus the files and directories (absolute) whose content the bundle depends on. */
export interface BundleInputs extends StationPage {
  readonly sources: readonly string[];
}

const STAMP = ".source-hash";
// The shared config is an input of every page: a change here rebuilds them all.
const ownSources = [dirname(fileURLToPath(import.meta.url))];

/** Files under `path` (itself when a file), sorted, skipping node_modules and dot entries. */
function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => !name.startsWith(".") && name !== "node_modules")
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/** sha256 over every input file's path (relative to the page root) and content, plus the Vite and Vue versions. */
export function sourceHash(inputs: BundleInputs): string {
  const hash = createHash("sha256");
  for (const file of [...inputs.sources, ...ownSources].flatMap(filesUnder)) {
    hash.update(relative(inputs.root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  hash.update(builderVersions());
  return hash.digest("hex");
}

function builderVersions(): string {
  const read = (pkg: string): string => {
    try {
      const url = import.meta.resolve(`${pkg}/package.json`);
      return (JSON.parse(readFileSync(fileURLToPath(url), "utf8")) as { version: string }).version;
    } catch {
      return "?";
    }
  };
  return ["vite", "@vitejs/plugin-vue", "vue"].map((p) => `${p}@${read(p)}`).join(",");
}

/** Whether `outDir` holds a complete bundle built from sources hashing to `hash`. */
export function isCurrent(outDir: string, hash: string): boolean {
  const stamp = join(outDir, STAMP);
  return existsSync(join(outDir, "index.html")) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash;
}

/**
 * Make sure `inputs.outDir` holds the bundle of the current sources, building it when missing or stale.
 * Throws the build's error (a syntax error in a component, a missing import) with Vite's message.
 */
export async function ensureBundle(inputs: BundleInputs): Promise<BundleResult> {
  const started = performance.now();
  const hash = sourceHash(inputs);
  const done = (built: boolean): BundleResult => ({
    built,
    outDir: inputs.outDir,
    hash,
    ms: Math.round(performance.now() - started),
  });
  if (isCurrent(inputs.outDir, hash)) return done(false);
  const tmp = join(dirname(inputs.outDir), `.${basename(inputs.outDir)}-building-${process.pid}-${Date.now()}`);
  try {
    // Loaded only when a build is due: Vite is large and most starts never need it.
    const { build } = await import("vite");
    await build(stationPageConfig({ ...inputs, outDir: tmp }));
    writeFileSync(join(tmp, STAMP), hash + "\n");
    rmSync(inputs.outDir, { recursive: true, force: true });
    try {
      renameSync(tmp, inputs.outDir);
    } catch (error) {
      // Another process finished the same build first: its bundle is as good as ours.
      if (!isCurrent(inputs.outDir, hash)) throw error;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return done(true);
}
