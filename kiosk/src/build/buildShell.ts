/**
 * Build the kiosk shell into `dist/` for Electron (and for electron-builder, electron-builder.json): station-shell's
 * `buildShellApp` with the kiosk's main process and the kiosk's fallback words ("暂停取号").
 *
 *   src/main/main.ts ---- esbuild (node, ESM) ----> dist/main.js         workspace code bundled, npm packages imported
 *   station-shell fallback page (kiosk words) ----> dist/fallback/       index.html, fallback.css, fallback.js
 */
import { join, resolve } from "node:path";
import { buildShellApp } from "@onewindow/station-shell/build";

/** The kiosk workspace folder. */
export const KIOSK_DIR = resolve(import.meta.dirname, "../..");

/** Build the main process into `outDir`/main.js and the fallback page into `outDir`/fallback/. */
export async function buildShell(outDir: string): Promise<void> {
  await buildShellApp({ mainEntry: join(KIOSK_DIR, "src/main/main.ts"), outDir, fallback: "kiosk" });
}
