/**
 * The guards every webContents and the session get (Electron security checklist): navigation only to the kiosk page
 * or the fallback page, no new windows, no <webview>, no permissions, no device pickers, no downloads, no shortcuts
 * that leave the kiosk. The decisions are policy/ functions tested in Node; this file only attaches them.
 */
import type { Session, WebContents } from "electron";
import { NEW_WINDOW_DENIED, navigationVerdict } from "../policy/navigationGuard.ts";
import { forLog } from "../policy/kioskUrls.ts";
import { permissionGranted } from "../policy/permissions.ts";
import { isBlockedShortcut } from "../policy/shortcuts.ts";
import type { ShellLog } from "../policy/shellSupervisor.ts";

/**
 * Guard one webContents (every one the app creates: app "web-contents-created"). `pairingPage` gives the agent's
 * pairing page while the station is not paired, and undefined after.
 */
export function lockDownContents(
  contents: WebContents,
  kioskBase: string,
  pairingPage: () => string | undefined,
  log: ShellLog,
): void {
  const refuse = (kind: string, url: string, event: { preventDefault(): void }) => {
    if (navigationVerdict(url, kioskBase, pairingPage()) !== "refused") return;
    event.preventDefault();
    log.warn({ kind, url: forLog(url) }, "navigation refused");
  };
  contents.on("will-navigate", (event) => refuse("navigate", event.url, event));
  contents.on("will-redirect", (event) => refuse("redirect", event.url, event));
  contents.on("will-frame-navigate", (event) => {
    if (!event.isMainFrame) refuse("frame", event.url, event);
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url: forLog(url) }, "new window refused");
    return NEW_WINDOW_DENIED;
  });
  contents.on("will-attach-webview", (event) => {
    event.preventDefault();
    log.warn({}, "webview refused");
  });
  contents.on("before-input-event", (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
}

/** Guard the session the kiosk window uses. */
export function lockDownSession(session: Session, kioskBase: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionGranted(permission, details.requestingUrl, kioskBase)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionGranted(permission, requestingOrigin, kioskBase),
  );
  session.setDevicePermissionHandler(() => false);
  // The page reaches devices through the station agent only: every WebHID/WebSerial/WebUSB picker is cancelled.
  session.on("select-hid-device", (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on("select-serial-port", (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback("");
  });
  session.on("select-usb-device", (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on("will-download", (event) => event.preventDefault());
}
