/**
 * What the shell's `onewindow-shell://fallback/...` protocol serves: the three bundled files of the fallback page and
 * nothing else (no directory listing, no path outside the bundle, no other host). main/fallbackProtocol.ts reads the
 * named file from the built fallback folder (build/buildShell.ts).
 */
import { SHELL_FALLBACK_SCHEME } from "@onewindow/contract";

/** The fallback page's files and their Content-Type. */
export const FALLBACK_FILES: Readonly<Record<string, string>> = Object.freeze({
  "index.html": "text/html; charset=utf-8",
  "fallback.css": "text/css; charset=utf-8",
  "fallback.js": "text/javascript; charset=utf-8",
});

/** The bundled file a protocol request asks for, or undefined (answer 404). */
export function fallbackFileFor(
  requestUrl: string,
): { readonly file: string; readonly contentType: string } | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${SHELL_FALLBACK_SCHEME}:` || url.host !== "fallback") return undefined;
  const file = url.pathname.slice(1);
  const contentType = Object.hasOwn(FALLBACK_FILES, file) ? FALLBACK_FILES[file] : undefined;
  return contentType === undefined ? undefined : { file, contentType };
}
