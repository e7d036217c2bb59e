/**
 * Where a shell window may go: its hall-server page (the kiosk page, the counter's console or window screen: that
 * origin and path, any fragment), the bundled fallback page, and, only until the station is paired, the station
 * agent's own pairing page; nothing else, and never a new window. main/lockDown.ts applies this to `will-navigate`,
 * `will-redirect` and `will-frame-navigate` (preventDefault when refused), denies every `setWindowOpenHandler`
 * request and every `<webview>` attach (Electron security checklist items 12-14).
 */
import { SHELL_FALLBACK_SCHEME } from "@onewindow/contract";

/** What a navigation target is. */
export type NavigationVerdict = "page" | "fallback" | "pairing" | "refused";

/** The one answer to every request for a new window. */
export const NEW_WINDOW_DENIED = Object.freeze({ action: "deny" as const });

/**
 * Classify `target` against the window's page `pageBase` (shellUrls.ts `pageBase`): same origin and the same path
 * (a trailing "/" added by a redirect allowed) is "page"; the bundled fallback page is "fallback"; while
 * `pairingPage` is given (the station is not paired yet), that exact page is "pairing"; anything else, a URL with
 * credentials, or text that is not a URL is "refused".
 */
export function navigationVerdict(target: string, pageBase: string, pairingPage?: string): NavigationVerdict {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return "refused";
  }
  if (url.username !== "" || url.password !== "") return "refused";
  if (url.protocol === `${SHELL_FALLBACK_SCHEME}:`)
    return url.host === "fallback" && url.pathname === "/index.html" && url.search === "" ? "fallback" : "refused";
  if (pairingPage !== undefined) {
    const pairing = new URL(pairingPage);
    if (url.origin === pairing.origin && url.pathname === pairing.pathname && url.search === "") return "pairing";
  }
  const page = new URL(pageBase);
  if (url.origin !== page.origin) return "refused";
  const path = page.pathname.replace(/\/$/, "");
  return url.pathname === path || url.pathname === `${path}/` ? "page" : "refused";
}
