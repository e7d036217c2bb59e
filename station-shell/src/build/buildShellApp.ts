/**
 * Build a shell app (kiosk/, counter-display/) into its `dist/` for Electron and electron-builder:
 *
 *   <shell>/src/main/main.ts ------- esbuild (node, ESM) --> dist/main.js       workspace sources bundled (this one
 *                                                                               included); npm packages and electron
 *                                                                               stay imports (native ones are rebuilt
 *                                                                               for Electron by the packager)
 *   station-shell/src/fallback/fallbackPage.ts - esbuild --> dist/fallback/fallback.js
 *   station-shell/fallback/index.html -- filled with the shell's words --> dist/fallback/index.html
 *   station-shell/fallback/fallback.css ------- copied ----> dist/fallback/fallback.css
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import type { FallbackVariant } from "../fallback/fallbackWords.ts";
import { fallbackHtml } from "./fallbackHtml.ts";

/** The station-shell workspace folder. */
export const STATION_SHELL_DIR = resolve(import.meta.dirname, "../..");

/** Bundle @onewindow/* workspace sources (TypeScript, not runnable as installed); leave every npm package external. */
const workspaceOnly: Plugin = {
  name: "workspace-only",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@onewindow/") ? undefined : { path: args.path, external: true },
    );
  },
};

/** Build the fallback page for `variant` into `outDir` (index.html, fallback.css, fallback.js). */
export async function buildFallbackPage(outDir: string, variant: FallbackVariant): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(STATION_SHELL_DIR, "src/fallback/fallbackPage.ts")],
    outfile: join(outDir, "fallback.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    minify: true,
    logLevel: "silent",
  });
  const template = readFileSync(join(STATION_SHELL_DIR, "fallback/index.html"), "utf8");
  writeFileSync(join(outDir, "index.html"), fallbackHtml(template, variant));
  copyFileSync(join(STATION_SHELL_DIR, "fallback/fallback.css"), join(outDir, "fallback.css"));
}

/** A shell app to build. */
export interface ShellApp {
  /** The Electron main process's entry (the shell's src/main/main.ts). */
  readonly mainEntry: string;
  /** Where main.js and fallback/ go (the shell's dist/). */
  readonly outDir: string;
  /** Whose words the fallback page says. */
  readonly fallback: FallbackVariant;
}

/** Build the main process into `outDir`/main.js and the fallback page into `outDir`/fallback/. */
export async function buildShellApp(app: ShellApp): Promise<void> {
  await build({
    entryPoints: [app.mainEntry],
    outfile: join(app.outDir, "main.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    plugins: [workspaceOnly],
    sourcemap: true,
    logLevel: "silent",
  });
  await buildFallbackPage(join(app.outDir, "fallback"), app.fallback);
}
