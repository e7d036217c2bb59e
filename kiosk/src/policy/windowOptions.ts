/**
 * The kiosk window's options: fullscreen kiosk mode without frame or menu, hidden until its first paint, and the
 * locked-down renderer every shell window gets (station-shell policy/rendererPreferences.ts). main/kioskWindow.ts
 * passes this to `new BrowserWindow`, where the compiler checks it against Electron's
 * BrowserWindowConstructorOptions; this file itself never imports electron.
 */
import { SHELL_BACKGROUND, lockedRendererPreferences, type LockedRendererPreferences } from "@onewindow/station-shell";

/** The subset of Electron's BrowserWindowConstructorOptions the kiosk window sets. */
export interface KioskWindowOptions {
  readonly show: boolean;
  readonly kiosk: boolean;
  readonly fullscreen: boolean;
  readonly frame: boolean;
  readonly autoHideMenuBar: boolean;
  readonly backgroundColor: string;
  readonly title: string;
  readonly webPreferences: LockedRendererPreferences;
}

/** The kiosk window's options; `devTools` from station-shell's `devToolsAllowed`. */
export function kioskWindowOptions(options: { readonly devTools: boolean }): KioskWindowOptions {
  return {
    // Shown on ready-to-show: no white frame before the page paints.
    show: false,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: SHELL_BACKGROUND,
    title: "OneWindow 取号",
    webPreferences: lockedRendererPreferences(options),
  };
}
