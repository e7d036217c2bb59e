/**
 * Which page loads mean "the hall-server cannot serve the window's page now", so the window shows the fallback page.
 * Fed from `did-fail-load` (a network error code, Chromium net/base/net_error_list.h) and `did-navigate` (the HTTP
 * status of the document).
 */

/** net::ERR_ABORTED: the load was replaced or cancelled (a new navigation, a refused redirect); not a failure. */
export const ERR_ABORTED = -3;

/** A failed main-frame load from `did-fail-load`. */
export interface FailedLoad {
  readonly errorCode: number;
  readonly isMainFrame: boolean;
}

/** Whether a `did-fail-load` means the page could not be loaded (refused connection, timeout, DNS, TLS, reset). */
export function isUnreachable(failure: FailedLoad): boolean {
  return failure.isMainFrame && failure.errorCode !== ERR_ABORTED && failure.errorCode < 0;
}

/** Whether the page's document answered with a status the window cannot work with (404 bundle missing, 5xx). */
export function isServerError(httpStatus: number): boolean {
  return httpStatus >= 400;
}
