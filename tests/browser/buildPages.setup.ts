/** Playwright's global setup: build the hall's pages the browser tests open, when missing or stale. */
import { ensureHallPages } from "../../hall-server/src/pages/ensureHallPages.ts";

export default async function buildPages(): Promise<void> {
  for (const r of await ensureHallPages())
    if (r.built) process.stdout.write(`built ${r.outDir} in ${(r.ms / 1000).toFixed(1)} s\n`);
}
