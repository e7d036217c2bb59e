/** `npm run build:pages`: build every hall page that is missing or stale, and say what was done. */
import { relative } from "node:path";
import { ensureHallPages } from "./ensureHallPages.ts";

try {
  for (const r of await ensureHallPages())
    process.stdout.write(
      `${relative(process.cwd(), r.outDir)}: ${r.built ? `built in ${(r.ms / 1000).toFixed(1)} s` : "up to date"}\n`,
    );
} catch (error) {
  process.stderr.write(`build:pages failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
