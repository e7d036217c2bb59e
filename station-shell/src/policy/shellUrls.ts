/**
 * The pages a shell window may show, as URLs: its hall-server page (the kiosk page, the counter's console or window
 * screen) with the station agent's address and secret in its fragment, the bundled fallback page, and before the
 * first pairing the agent's pairing page. Fragments never reach a server (RFC 3986 §3.5: the browser strips them
 * from requests), which is why the secret travels there and never in a query string; and they are never logged: log
 * a URL only through `forLog`.
 */
import { SHELL_FALLBACK_ORIGIN, formatAgentFragment, type AgentAddress } from "@onewindow/contract";
import { formatFallbackFragment, type FallbackAddress } from "../fallback/fallbackAddress.ts";

/** The fallback page's URL without fragment (served by main/fallbackProtocol.ts from the bundled files). */
export const FALLBACK_PAGE_URL = `${SHELL_FALLBACK_ORIGIN}/index.html`;

/**
 * A page's URL without fragment: `path` on the hall-server's origin (any query of `hallUrl` dropped), e.g.
 * `pageBase("http://192.168.1.10:8080", "/kiosk")`. Throws TypeError for a hallUrl that is not a URL (the shells'
 * configs have already refused one).
 */
export function pageBase(hallUrl: string, path: string): string {
  const url = new URL(path, hallUrl);
  url.search = "";
  url.hash = "";
  return url.href;
}

/** `<hall-server><path>#agent=ws://127.0.0.1:P/&secret=S`: what a window loads. */
export function pageUrl(hallUrl: string, path: string, agent: AgentAddress): string {
  return `${pageBase(hallUrl, path)}#${formatAgentFragment(agent)}`;
}

/** `onewindow-shell://fallback/index.html#return=...&wait=...&reason=...` (see fallback/fallbackAddress.ts). */
export function fallbackPageUrl(address: FallbackAddress): string {
  return `${FALLBACK_PAGE_URL}#${formatFallbackFragment(address)}`;
}

/** A URL fit for a log line: its fragment (which may hold the agent secret) replaced by "#…". */
export function forLog(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : `${url.slice(0, hash)}#…`;
}

/**
 * The station agent's first-run pairing page for its page API address `ws://127.0.0.1:P/` (station-agent
 * page/pageServer.ts serves it at GET / on the same port): `http://127.0.0.1:P/`.
 */
export function pairingPageUrl(agentUrl: string): string {
  const url = new URL(agentUrl);
  return `http://${url.host}/`;
}
