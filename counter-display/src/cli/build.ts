/** `npm run build -w counter-display`: build the shell into counter-display/dist (build/buildCounterShell.ts). */
import { join } from "node:path";
import { COUNTER_DISPLAY_DIR, buildCounterShell } from "../build/buildCounterShell.ts";

const outDir = join(COUNTER_DISPLAY_DIR, "dist");
await buildCounterShell(outDir);
console.log(`counter shell built into ${outDir}`);
