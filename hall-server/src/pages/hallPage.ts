/**
 * A page the hall-server serves: a built Vite bundle (web-build's one page pipeline) mounted at a path of its own.
 * pages/hallPages.ts lists the hall's pages; pages/servePage.ts serves one; pages/mountPages.ts mounts them all.
 */
import type { BundleInputs } from "@onewindow/web-build";

/** Paths a page may never be mounted at or under: the API, the event socket, the health probe. */
export const RESERVED_PATHS = ["/api", "/ws", "/health"] as const;

export interface HallPage {
  /** Short name for logs and the missing-bundle page, e.g. "status-page". */
  readonly name: string;
  /**
   * The path it is served under: "/" + lowercase letters, digits or "-" (e.g. "/kiosk", "/t"). Every path below it
   * that is not a file of the bundle answers the page's index.html (its own routes, e.g. "/t/<token>").
   */
  readonly mountPath: string;
  /** Its sources and its bundle's directory (`bundle.outDir`: index.html + assets/), built by `ensureHallPages`. */
  readonly bundle: BundleInputs;
  /** Its name on the hall's index page ("/"); omit to leave it off (the status page needs a ticket's link). */
  readonly title?: { readonly "zh-CN": string; readonly en: string };
  /**
   * Further sources the page may connect to, for its Content-Security-Policy `connect-src` (the hall's own origin,
   * ws:// and wss:// included, is always allowed), e.g. "ws://127.0.0.1:*" for a kiosk's loopback station agent.
   */
  readonly connectSrc?: readonly string[];
}

/** Why `mountPath` cannot be a page's path, or undefined when it can. */
export function mountPathProblem(mountPath: string): string | undefined {
  if (!/^\/[a-z0-9-]+$/.test(mountPath))
    return `a page's path is "/" and one segment of lowercase letters, digits or "-" (e.g. "/kiosk"), not "${mountPath}"`;
  if (RESERVED_PATHS.some((p) => mountPath === p))
    return `"${mountPath}" belongs to the hall's API (${RESERVED_PATHS.join(", ")} are never pages)`;
  return undefined;
}
