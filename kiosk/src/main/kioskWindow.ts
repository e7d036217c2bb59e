/**
 * The kiosk window: created with policy/windowOptions.ts, its pages chosen by policy/shellSupervisor.ts, which
 * hears the window's load, crash and hang events from here.
 */
import { BrowserWindow } from "electron";
import { fallbackPageUrl } from "../policy/kioskUrls.ts";
import { ShellSupervisor, type ShellLog, type SupervisorRules } from "../policy/shellSupervisor.ts";
import { kioskWindowOptions } from "../policy/windowOptions.ts";

export interface KioskWindowSetup {
  /** The kiosk page without fragment (guards compare against it). */
  readonly kioskBase: string;
  /** The kiosk page with the agent fragment: secret, never logged. */
  readonly kioskUrl: string;
  readonly devTools: boolean;
  readonly rules: SupervisorRules;
  readonly probe: () => Promise<boolean>;
  readonly log: ShellLog;
  /** Not paired yet: show the agent's pairing page at `url` until `paired()`, then the kiosk page. */
  readonly pairFirst?: { readonly url: string; readonly paired: () => boolean };
}

/** How often the window checks whether a first-run pairing has happened, ms. */
const PAIRED_CHECK_MS = 1000;

/** Open the kiosk window and start supervising it. */
export function openKioskWindow(setup: KioskWindowSetup): { window: BrowserWindow; supervisor: ShellSupervisor } {
  const window = new BrowserWindow(kioskWindowOptions({ devTools: setup.devTools }));
  const contents = window.webContents;
  // loadURL rejects when the load fails; did-fail-load has already told the supervisor, so the rejection is spent.
  const load = (url: string) => void contents.loadURL(url).catch(() => undefined);
  const supervisor = new ShellSupervisor(
    setup.kioskBase,
    setup.rules,
    {
      showKiosk: () => load(setup.kioskUrl),
      showFallback: (reason, waitSeconds) => load(fallbackPageUrl({ returnUrl: setup.kioskUrl, waitSeconds, reason })),
      endRenderer: () => contents.forcefullyCrashRenderer(),
    },
    setup.probe,
    setup.log,
  );

  window.once("ready-to-show", () => window.show());
  window.on("unresponsive", () => supervisor.unresponsive());
  window.on("responsive", () => supervisor.responsive());
  contents.on("did-fail-load", (_event, errorCode, _description, url, isMainFrame) =>
    supervisor.loadFailed(url, { errorCode, isMainFrame }),
  );
  contents.on("did-navigate", (_event, url, httpStatus) => supervisor.navigated(url, httpStatus));
  let pairing = setup.pairFirst !== undefined;
  contents.on("render-process-gone", (_event, details) => {
    // The supervisor starts after pairing; until then a crashed pairing page is simply shown again.
    if (pairing && setup.pairFirst) load(setup.pairFirst.url);
    else supervisor.rendererGone(details.reason);
  });
  contents.on("did-finish-load", () => {
    // Touchscreens: no pinch zoom that a citizen cannot undo.
    void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  });
  const pairFirst = setup.pairFirst;
  if (!pairFirst) supervisor.start();
  else {
    // The technician types the code on the touchscreen; the token lands in the agent, and the kiosk page follows.
    load(pairFirst.url);
    const check = setInterval(() => {
      if (!pairFirst.paired()) return;
      clearInterval(check);
      pairing = false;
      supervisor.start();
    }, PAIRED_CHECK_MS);
    window.once("closed", () => clearInterval(check));
  }
  return { window, supervisor };
}
