/**
 * Build the counter shell into `dist/` for Electron (and for electron-builder, electron-builder.json):
 * station-shell's `buildShellApp` with the counter's main process and the counter's fallback words ("暂停服务").
 *
 *   src/main/main.ts ---- esbuild (node, ESM) ----> dist/main.js         workspace code bundled, npm packages imported
 *   station-shell fallback page (counter words) --> dist/fallback/       index.html, fallback.css, fallback.js
 */
import { join, resolve } from "node:path";
import { buildShellApp } from "@onewindow/station-shell/build";

/** The counter-display workspace folder. */
export const COUNTER_DISPLAY_DIR = resolve(import.meta.dirname, "../..");

/** Build the main process into `outDir`/main.js and the fallback page into `outDir`/fallback/. */
export async function buildCounterShell(outDir: string): Promise<void> {
  await buildShellApp({ mainEntry: join(COUNTER_DISPLAY_DIR, "src/main/main.ts"), outDir, fallback: "counter" });
}
