/**
 * Build the kiosk shell into `dist/` for Electron (and for electron-builder, electron-builder.json):
 *
 *   src/main/main.ts ---------- esbuild (node, ESM) --> dist/main.js          workspace sources bundled; npm packages
 *                                                                             and electron stay imports (native ones
 *                                                                             are rebuilt for Electron by the packager)
 *   src/fallback/fallbackPage.ts - esbuild (browser) -> dist/fallback/fallback.js
 *   fallback/index.html, fallback.css ---- copied ---> dist/fallback/
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { build, type Plugin } from "esbuild";

/** The kiosk workspace folder. */
export const KIOSK_DIR = resolve(import.meta.dirname, "../..");

/** Bundle @onewindow/* workspace sources (TypeScript, not runnable as installed); leave every npm package external. */
const workspaceOnly: Plugin = {
  name: "workspace-only",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@onewindow/") ? undefined : { path: args.path, external: true },
    );
  },
};

/** Build the fallback page into `outDir` (index.html, fallback.css, fallback.js). */
export async function buildFallbackPage(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(KIOSK_DIR, "src/fallback/fallbackPage.ts")],
    outfile: join(outDir, "fallback.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    minify: true,
    logLevel: "silent",
  });
  for (const file of ["index.html", "fallback.css"])
    copyFileSync(join(KIOSK_DIR, "fallback", file), join(outDir, file));
}

/** Build the main process into `outDir`/main.js and the fallback page into `outDir`/fallback/. */
export async function buildShell(outDir: string): Promise<void> {
  await build({
    entryPoints: [join(KIOSK_DIR, "src/main/main.ts")],
    outfile: join(outDir, "main.js"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node22",
    plugins: [workspaceOnly],
    sourcemap: true,
    logLevel: "silent",
  });
  await buildFallbackPage(join(outDir, "fallback"));
}
