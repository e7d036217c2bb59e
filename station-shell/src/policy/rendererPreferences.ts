/**
 * The renderer settings every shell window gets (Electron security checklist): context isolation, no Node.js, the
 * Chromium sandbox, web security, no insecure content, no <webview>, no dialogs, no preload (the pages talk to the
 * station agent over its WebSocket only). The shells' window options (kiosk/src/policy/windowOptions.ts,
 * counter-display/src/policy/windowOptions.ts) add the window's shape; `new BrowserWindow` checks the whole against
 * Electron's BrowserWindowConstructorOptions. No electron import here.
 */

/** Behind the pages before their first paint; the fallback page's ground colour, so a switch does not flash. */
export const SHELL_BACKGROUND = "#0f3d7a";

/** The subset of Electron's WebPreferences the shells set. */
export interface LockedRendererPreferences {
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
}

/** Developer tools only in an unpackaged run whose config asks for them; never in a packaged (production) build. */
export function devToolsAllowed(run: { readonly packaged: boolean; readonly requested: boolean }): boolean {
  return !run.packaged && run.requested;
}

/** The locked-down renderer; `devTools` from `devToolsAllowed`. */
export function lockedRendererPreferences(options: { readonly devTools: boolean }): LockedRendererPreferences {
  return {
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    devTools: options.devTools,
    // alert()/confirm() would block a screen until someone finds a keyboard: the shells' pages show no pop-ups.
    disableDialogs: true,
    navigateOnDragDrop: false,
    spellcheck: false,
    experimentalFeatures: false,
  };
}
