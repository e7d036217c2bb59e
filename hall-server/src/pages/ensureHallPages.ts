/**
 * Build every hall page whose bundle is missing or older than its sources (web-build's ensureBundle), one after the
 * other (the machine may be small). `npm run build:pages`, `npm run demo` and the browser tests' setup call it; a
 * production `hall-server start` only serves what is built.
 */
import type { BundleResult } from "@onewindow/web-build";
import { hallPages } from "./hallPages.ts";
import type { HallPage } from "./hallPage.ts";

/** Build the stale ones of `pages` (default: the hall's); resolves with what each did. Throws Vite's error. */
export async function ensureHallPages(pages: readonly HallPage[] = hallPages): Promise<BundleResult[]> {
  // Loaded only here: Vite and its Vue plugin are large and a serving hall never needs them.
  const { ensureBundle } = await import("@onewindow/web-build");
  const results: BundleResult[] = [];
  // A bundle served at two paths (the counter's console and window screen) is checked once.
  const bundles = new Set(pages.map((page) => page.bundle));
  for (const bundle of bundles) results.push(await ensureBundle(bundle));
  return results;
}
