/**
 * The `onewindow-shell://fallback/` protocol: serves the bundled fallback page (policy/fallbackAssets.ts says which
 * files) from the built folder. Registered as a standard, secure scheme so the page's Origin is exactly
 * SHELL_FALLBACK_ORIGIN (contract/src/realtime.ts) and its relative links, CSP 'self' and fetch() work.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { SHELL_FALLBACK_SCHEME } from "@onewindow/contract";
import { protocol } from "electron";
import { fallbackFileFor } from "../policy/fallbackAssets.ts";

/** Declare the scheme's privileges. Electron allows this only before the app is ready. */
export function registerFallbackScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: SHELL_FALLBACK_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Answer the scheme's requests from `folder` (dist/fallback). Call once the app is ready. */
export function serveFallbackPage(folder: string): void {
  protocol.handle(SHELL_FALLBACK_SCHEME, async (request) => {
    const asset = fallbackFileFor(request.url);
    if (!asset) return new Response("not found", { status: 404 });
    const body = await readFile(join(folder, asset.file));
    return new Response(body, { headers: { "content-type": asset.contentType, "cache-control": "no-store" } });
  });
}
