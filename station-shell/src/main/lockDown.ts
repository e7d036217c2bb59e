/**
 * The guards every webContents and the session of a shell get (Electron security checklist): navigation only to
 * the window's page or the fallback page, no new windows, no <webview>, no permissions, no device pickers, no
 * downloads, no shortcuts the window's key rule drops. The decisions are policy/ functions tested in Node; this file
 * only attaches them.
 */
import type { Session, WebContents } from "electron";
import { NEW_WINDOW_DENIED, type NavigationVerdict } from "../policy/navigationGuard.ts";
import { permissionGranted } from "../policy/permissions.ts";
import { forLog } from "../policy/shellUrls.ts";
import type { ShellLog } from "../policy/shellSupervisor.ts";
import type { KeyInput } from "../policy/shortcuts.ts";

/** What one webContents may do, asked at each event (the window it belongs to may be known only after creation). */
export interface ContentsRules {
  /** navigationGuard.ts `navigationVerdict` against the window's page (and the pairing page while unpaired). */
  verdict(url: string): NavigationVerdict;
  /** Whether a key is dropped before the page sees it (shortcuts.ts, or the shell's own key rule). */
  blocksKey(input: KeyInput & { readonly shift: boolean }): boolean;
}

/** Guard one webContents (every one the app creates: app "web-contents-created"). */
export function lockDownContents(contents: WebContents, rulesOf: () => ContentsRules, log: ShellLog): void {
  const refuse = (kind: string, url: string, event: { preventDefault(): void }) => {
    if (rulesOf().verdict(url) !== "refused") return;
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
    if (rulesOf().blocksKey(input)) event.preventDefault();
  });
}

/** Guard the session the shell's windows use; `pageBases` are the shell's own pages (shellUrls.ts `pageBase`). */
export function lockDownSession(session: Session, pageBases: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionGranted(permission, details.requestingUrl, pageBases)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionGranted(permission, requestingOrigin, pageBases),
  );
  session.setDevicePermissionHandler(() => false);
  // The pages reach devices through the station agent only: every WebHID/WebSerial/WebUSB picker is cancelled.
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
