/**
 * The counter's pages (/counter, /window/<n>): where their sources are and where their one bundle is built to. The
 * hall-server serves the bundle at both paths (hall-server/src/pages/hallPages.ts) and builds it when stale
 * (`npm run build:pages`, `npm run demo`); the page picks the console or the window screen by its path (pageRoute.ts).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BundleInputs } from "@onewindow/web-build";

const workspace = dirname(dirname(fileURLToPath(import.meta.url)));

/** Sources in page/ (plus its pure rules in src/, the contract it reads and the kiosk's service words); bundle in dist/ (not in git). */
export const counterPage: BundleInputs = {
  name: "counter-page",
  root: join(workspace, "page"),
  outDir: join(workspace, "dist"),
  sources: [
    join(workspace, "page"),
    join(workspace, "src", "pageRoute.ts"),
    join(workspace, "src", "shortcuts.ts"),
    join(workspace, "src", "consoleVerdict.ts"),
    join(workspace, "src", "windowLabel.ts"),
    join(workspace, "package.json"),
    join(workspace, "..", "contract", "src"),
    // The promised time limit in words, as the kiosk's guide says it.
    join(workspace, "..", "kiosk-page", "src", "serviceWords.ts"),
  ],
};
