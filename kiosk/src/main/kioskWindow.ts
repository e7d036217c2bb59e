/**
 * The kiosk window: created with policy/windowOptions.ts, its pages chosen by station-shell's PairingGate (pairing
 * page or not) and ShellSupervisor (kiosk or fallback page), which hears the window's load, crash and hang events
 * through station-shell's `superviseWindow`.
 */
import { BrowserWindow } from "electron";
import { PairingGate, type ShellLog, type ShellSupervisor, type SupervisorRules } from "@onewindow/station-shell";
import { loadInto, superviseWindow } from "@onewindow/station-shell/main";
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
  /** The agent's pairing page (station-shell `pairingPageUrl`). */
  readonly pairingUrl: string;
}

/** Open the kiosk window and start supervising it. */
export function openKioskWindow(setup: KioskWindowSetup): { window: BrowserWindow; supervisor: ShellSupervisor } {
  const window = new BrowserWindow(kioskWindowOptions({ devTools: setup.devTools }));
  const supervisor = superviseWindow(window, {
    pageBase: setup.kioskBase,
    pageUrl: setup.kioskUrl,
    rules: setup.rules,
    probe: setup.probe,
    log: setup.log,
    // The supervisor is suspended while pairing; a crashed pairing page is simply shown again.
    onRendererGone: (reason, supervised) =>
      // The gate below exists before any renderer can be gone (events come after this function returns).
      gate.pairing ? loadInto(window, setup.pairingUrl) : supervised.rendererGone(reason),
  });
  window.once("ready-to-show", () => window.show());
  const gate = new PairingGate(setup.paired, {
    showPairing: () => {
      setup.log.warn({}, "station not paired: showing the agent's pairing page");
      supervisor.suspend();
      loadInto(window, setup.pairingUrl);
    },
    showPage: () => supervisor.start(),
  });
  gate.start();
  window.once("closed", () => gate.stop());
  return { window, supervisor };
}
