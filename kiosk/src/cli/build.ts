/** `npm run build -w kiosk`: build the shell into kiosk/dist (build/buildShell.ts). */
import { join } from "node:path";
import { KIOSK_DIR, buildShell } from "../build/buildShell.ts";

const outDir = join(KIOSK_DIR, "dist");
await buildShell(outDir);
console.log(`kiosk shell built into ${outDir}`);
