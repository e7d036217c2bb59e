/**
 * The hall screen (/hall-screen): where its sources are and where its bundle is built to. The hall-server serves the
 * bundle (hall-server/src/pages/hallPages.ts) and builds it when stale (`npm run build:pages`, `npm run demo`).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BundleInputs } from "@onewindow/web-build";

const workspace = dirname(dirname(fileURLToPath(import.meta.url)));

/** Sources in page/ (plus its pure rules in src/ and the contract it reads); bundle in dist/ (not in git). */
export const hallScreenPage: BundleInputs = {
  name: "hall-screen-page",
  root: join(workspace, "page"),
  outDir: join(workspace, "dist"),
  sources: [
    join(workspace, "page"),
    join(workspace, "src", "hallScreenState.ts"),
    join(workspace, "src", "announcementQueue.ts"),
    join(workspace, "src", "hallSocket.ts"),
    join(workspace, "src", "reconnectDelay.ts"),
    join(workspace, "src", "windowGrid.ts"),
    join(workspace, "src", "sleepDetector.ts"),
    join(workspace, "package.json"),
    join(workspace, "..", "contract", "src"),
  ],
};
