/**
 * The kiosk window's options: fullscreen kiosk mode without frame or menu, hidden until its first paint, and a
 * locked-down renderer (Electron security checklist: context isolation, no Node.js, the Chromium sandbox, web
 * security, no <webview>, no dialogs). main/kioskWindow.ts passes this to `new BrowserWindow`, where the compiler
 * checks it against Electron's BrowserWindowConstructorOptions; this file itself never imports electron.
 */

/** Behind the pages before their first paint; the fallback page's ground colour, so a switch does not flash. */
export const SHELL_BACKGROUND = "#0f3d7a";

/** The subset of Electron's BrowserWindowConstructorOptions the kiosk window sets. */
export interface KioskWindowOptions {
  readonly show: boolean;
  readonly kiosk: boolean;
  readonly fullscreen: boolean;
  readonly frame: boolean;
  readonly autoHideMenuBar: boolean;
  readonly backgroundColor: string;
  readonly title: string;
  readonly webPreferences: {
    readonly contextIsolation: boolean;
    readonly nodeIntegration: boolean;
    readonly nodeIntegrationInWorker: boolean;
    readonly nodeIntegrationInSubFrames: boolean;
    readonly sandbox: boolean;
    readonly webSecurity: boolean;
    readonly allowRunningInsecureContent: boolean;
    readonly webviewTag: boolean;
    readonly devTools: boolean;
    readonly disableDialogs: boolean;
    readonly navigateOnDragDrop: boolean;
    readonly spellcheck: boolean;
    readonly experimentalFeatures: boolean;
  };
}

/** Developer tools only in an unpackaged run whose config asks for them; never in a packaged (production) build. */
export function devToolsAllowed(run: { readonly packaged: boolean; readonly requested: boolean }): boolean {
  return !run.packaged && run.requested;
}

/** The kiosk window's options; `devTools` from `devToolsAllowed`. */
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
    webPreferences: {
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: options.devTools,
      // alert()/confirm() would block the screen until someone finds a keyboard: a kiosk shows no pop-ups.
      disableDialogs: true,
      navigateOnDragDrop: false,
      spellcheck: false,
      experimentalFeatures: false,
    },
  };
}
