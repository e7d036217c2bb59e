/**
 * The fallback page's address fragment: where it returns to once the hall-server answers, how long it waits before
 * its first try, and why it is shown. Written by the shell's main process, read by the page itself; pure and free of
 * imports so the page's bundle stays a few kilobytes.
 *
 *   onewindow-shell://fallback/index.html#return=<kiosk page URL, percent-encoded>&wait=<seconds>&reason=<code>
 *
 * The return URL carries the kiosk page's own fragment (the agent's address and secret), so this fragment is as
 * secret as that one: it is never sent to a server and never logged (see policy/kioskUrls.ts `forLog`).
 */

/** Why the shell shows the fallback page. */
export type FallbackReason = "unreachable" | "server-error" | "restarting";

const REASONS: readonly FallbackReason[] = ["unreachable", "server-error", "restarting"];

/** What the fallback page needs to know. */
export interface FallbackAddress {
  /** The kiosk page to return to: an http(s) URL, its fragment included. */
  readonly returnUrl: string;
  /** Seconds to wait before the first probe (0 = probe at once). */
  readonly waitSeconds: number;
  readonly reason: FallbackReason;
}

/** Longest first wait the page accepts, seconds: a bad number never leaves a kiosk waiting for hours. */
export const MAX_FALLBACK_WAIT_SECONDS = 600;

/** The fragment (without "#") that `parseFallbackFragment` reads. */
export function formatFallbackFragment(address: FallbackAddress): string {
  return new URLSearchParams({
    return: address.returnUrl,
    wait: String(Math.max(0, Math.min(MAX_FALLBACK_WAIT_SECONDS, Math.ceil(address.waitSeconds)))),
    reason: address.reason,
  }).toString();
}

/**
 * Read the fallback page's fragment ("#" optional). Returns the address, or `{ error }` in plain English naming what
 * is missing or wrong. A return URL that is not http(s) is refused (the page would otherwise navigate anywhere).
 */
export function parseFallbackFragment(fragment: string): FallbackAddress | { readonly error: string } {
  const params = new URLSearchParams(fragment.startsWith("#") ? fragment.slice(1) : fragment);
  const returnUrl = params.get("return");
  if (returnUrl === null) return { error: "the fallback page address has no return= in its fragment" };
  let parsed: URL;
  try {
    parsed = new URL(returnUrl);
  } catch {
    return { error: "return= is not a URL" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return { error: "return= must be an http(s) URL" };
  const waitText = params.get("wait") ?? "0";
  const waitSeconds = Number(waitText);
  if (!/^\d+$/.test(waitText) || waitSeconds > MAX_FALLBACK_WAIT_SECONDS)
    return { error: `wait= must be whole seconds from 0 to ${MAX_FALLBACK_WAIT_SECONDS}` };
  const reasonText = params.get("reason") ?? "unreachable";
  const reason = REASONS.find((known) => known === reasonText);
  if (!reason) return { error: `reason= must be one of ${REASONS.join(", ")}` };
  return { returnUrl, waitSeconds, reason };
}

/** The hall-server's liveness URL for a kiosk page URL: its origin + "/health" (hall-server api/routes.ts). */
export function healthUrlOf(kioskPageUrl: string): string {
  return new URL("/health", kioskPageUrl).href;
}
