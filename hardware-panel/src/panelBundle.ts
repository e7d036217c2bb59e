/** Where the panel page's sources and bundle are, and the build-when-stale call the demo makes before serving it. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBundle, type BundleInputs, type BundleResult } from "@onewindow/web-build";

const workspace = dirname(dirname(fileURLToPath(import.meta.url)));

/** The panel page: sources in page/ plus the protocol it shares with the server; bundle in dist/ (not in git). */
export const panelPage: BundleInputs = {
  name: "hardware-panel",
  root: join(workspace, "page"),
  outDir: join(workspace, "dist"),
  sources: [join(workspace, "page"), join(workspace, "src", "protocol.ts"), join(workspace, "package.json")],
};

/** Build the panel's bundle if it is missing or older than its sources (see web-build's ensureBundle). */
export function ensurePanelBundle(): Promise<BundleResult> {
  return ensureBundle(panelPage);
}
