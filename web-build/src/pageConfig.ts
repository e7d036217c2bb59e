/**
 * The one Vite configuration of every station page (hardware panel now; kiosk and counter pages next): Vue 3
 * single-file components, relative asset URLs (so a page can be served under any path prefix or from the Electron
 * shell's bundled copy), output for the Chromium the stations run, and no public dir or size report (nothing
 * a build here needs them for).
 */
import vue from "@vitejs/plugin-vue";
import type { InlineConfig } from "vite";
import { offlineFonts } from "./offlineFonts.ts";

/** Where a page's sources and bundle live. */
export interface StationPage {
  /** Short name for logs, e.g. "hardware-panel". */
  readonly name: string;
  /** Absolute directory holding the page's index.html (Vite's root). */
  readonly root: string;
  /** Absolute directory the bundle is written to. */
  readonly outDir: string;
}

/** The Vite config that builds `page` (used by `ensureBundle`, and by a page's own vite.config.ts for `vite dev`). */
export function stationPageConfig(page: StationPage): InlineConfig {
  return {
    configFile: false,
    root: page.root,
    base: "./",
    publicDir: false,
    logLevel: "warn",
    plugins: [offlineFonts(), vue()],
    define: {
      // vue-i18n's and Vue's feature flags: no legacy API, no devtools in the bundle.
      __VUE_OPTIONS_API__: "false",
      __VUE_PROD_DEVTOOLS__: "false",
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
      __VUE_I18N_LEGACY_API__: "false",
      __VUE_I18N_FULL_INSTALL__: "false",
      __INTLIFY_PROD_DEVTOOLS__: "false",
    },
    build: {
      outDir: page.outDir,
      emptyOutDir: true,
      // Debian's Chromium and Electron's are both far newer than this.
      target: "chrome120",
      reportCompressedSize: false,
      chunkSizeWarningLimit: 1500,
    },
  };
}
