/**
 * The pages the kiosk window may show, as URLs: the hall-server's kiosk page with the station agent's address
 * and secret in its fragment, the bundled fallback page, and before the first pairing the agent's pairing page. Fragments never reach a server (RFC 3986 §3.5: the
 * browser strips them from requests), which is why the secret travels there and never in a query string; and they
 * are never logged: log a URL only through `forLog`.
 */
import { SHELL_FALLBACK_ORIGIN, formatAgentFragment, type AgentAddress } from "@onewindow/contract";
import { formatFallbackFragment, type FallbackAddress } from "../fallback/fallbackAddress.ts";

/** The fallback page's URL without fragment (served by main/fallbackProtocol.ts from the bundled files). */
export const FALLBACK_PAGE_URL = `${SHELL_FALLBACK_ORIGIN}/index.html`;

/**
 * The kiosk page's URL without fragment: `kioskPath` on the hall-server's origin (any query of `hallUrl` dropped).
 * Throws TypeError for a hallUrl that is not a URL (ShellConfig has already refused one).
 */
export function kioskPageBase(hallUrl: string, kioskPath: string): string {
  const url = new URL(kioskPath, hallUrl);
  url.search = "";
  url.hash = "";
  return url.href;
}

/** `<hall-server><kioskPath>#agent=ws://127.0.0.1:P/&secret=S`: what the window loads. */
export function kioskPageUrl(hallUrl: string, kioskPath: string, agent: AgentAddress): string {
  return `${kioskPageBase(hallUrl, kioskPath)}#${formatAgentFragment(agent)}`;
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
