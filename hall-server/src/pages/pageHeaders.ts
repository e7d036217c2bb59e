/**
 * The response headers of every page the hall serves: a Content-Security-Policy that allows only the page's own
 * bundle and the hall's own origin (its API and its /ws socket), plus the usual hardening. `Referrer-Policy:
 * no-referrer` matters most: the status page's URL holds the ticket's token, which must not leak to another site.
 */
import type { Request, Response } from "express";
import type { HallPage } from "./hallPage.ts";

// A Host header as browsers send it (name or address, optional port); anything else adds no socket source.
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** The Content-Security-Policy of `page` answered to `req` (the socket sources follow the Host it was asked at). */
export function contentSecurityPolicy(page: Pick<HallPage, "connectSrc">, req: Pick<Request, "headers">): string {
  const host = req.headers.host ?? "";
  // 'self' covers ws:/wss: of the same host in CSP level 3; named too for browsers that predate it.
  const socket = HOST.test(host) ? [`ws://${host}`, `wss://${host}`] : [];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Vue's style bindings and Vant's components set style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...socket, ...(page.connectSrc ?? [])].join(" "),
    "media-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Set the security headers of a page answer on `res`. */
export function setPageHeaders(res: Response, page: Pick<HallPage, "connectSrc">, req: Pick<Request, "headers">): void {
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(page, req));
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
}
