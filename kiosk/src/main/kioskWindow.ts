/**
 * The kiosk window: created with policy/windowOptions.ts, its pages chosen by policy/pairingGate.ts (pairing page
 * or not) and policy/shellSupervisor.ts (kiosk or fallback page), which hears the window's load, crash and hang
 * events from here.
 */
import { BrowserWindow } from "electron";
import { fallbackPageUrl } from "../policy/kioskUrls.ts";
import { PairingGate } from "../policy/pairingGate.ts";
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
  /** Whether the station agent holds a device token; while not, the window shows `pairingUrl`. */
  readonly paired: () => boolean;
  /** The agent's pairing page (kioskUrls.ts `pairingPageUrl`). */
  readonly pairingUrl: string;
}

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
  const gate = new PairingGate(setup.paired, {
    showPairing: () => {
      setup.log.warn({}, "station not paired: showing the agent's pairing page");
      supervisor.suspend();
      load(setup.pairingUrl);
    },
    showKiosk: () => supervisor.start(),
  });
  contents.on("render-process-gone", (_event, details) => {
    // The supervisor is suspended while pairing; a crashed pairing page is simply shown again.
    if (gate.pairing) load(setup.pairingUrl);
    else supervisor.rendererGone(details.reason);
  });
  contents.on("did-finish-load", () => {
    // Touchscreens: no pinch zoom that a citizen cannot undo.
    void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  });
  gate.start();
  window.once("closed", () => gate.stop());
  return { window, supervisor };
}
