/**
 * The /ws channel's shared constants: the close codes the hall-server sends and the Origin of the Electron shells'
 * bundled fallback page. Clients (station agents, screens, shells) import these instead of repeating the numbers.
 */

/**
 * Close codes the hall-server sends on /ws, with the reason text it sends beside them. RFC 6455 §7.4.2 leaves
 * 4000–4999 to applications; 4401 and 4403 echo the HTTP statuses they resemble.
 */
export const WsClose = Object.freeze({
  /**
   * The credential this socket authenticated with ended: staff sign-out, session expiry (12 h) or sweep, device
   * revoked, staff member deactivated, window released by a supervisor, or replaced by a newer sign-in. Sent in the
   * same tick as the commit that ended it, before that request is answered. Do not reconnect with the same token:
   * sign in or pair again.
   */
  credentialsEnded: Object.freeze({ code: 4401, reason: "credentials ended" }),
  /** The server is shutting down (RFC 6455 "going away"): reconnect later with `since=<last seq>`. */
  serverStopping: Object.freeze({ code: 1001, reason: "server stopping" }),
});

/** A close code the hall-server sends on /ws. */
export type WsCloseCode = (typeof WsClose)[keyof typeof WsClose]["code"];

/**
 * URL scheme of the page each Electron shell (kiosk, counter-display) bundles and shows while the hall-server is
 * unreachable. The shells register it as a standard, secure scheme, so that page's Origin is exactly
 * `SHELL_FALLBACK_ORIGIN`.
 */
export const SHELL_FALLBACK_SCHEME = "onewindow-shell";

/** The Origin a browser upgrade from the shells' fallback page carries; the hall-server always allows it on /ws. */
export const SHELL_FALLBACK_ORIGIN = `${SHELL_FALLBACK_SCHEME}://fallback`;
