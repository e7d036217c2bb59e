/**
 * The counter's two windows: the staff console (a desk window; the agent's pairing page until the station is
 * paired, station-shell's PairingGate) and the citizen-facing window screen, each created with
 * policy/windowOptions.ts at the place policy/displayChoice.ts chose, and each supervised on its own (its own
 * restart count and fallback page: station-shell's `superviseWindow`).
 */
import { BrowserWindow } from "electron";
import { PairingGate, type ShellLog, type ShellSupervisor, type SupervisorRules } from "@onewindow/station-shell";
import { loadInto, superviseWindow } from "@onewindow/station-shell/main";
import type { DisplayPlan } from "../policy/displayChoice.ts";
import { consoleWindowOptions, windowScreenOptions } from "../policy/windowOptions.ts";

/** One window's page: without fragment (for guards) and with the agent fragment (secret, never logged). */
export interface WindowPage {
  readonly base: string;
  readonly url: string;
}

export interface CounterWindowSetup {
  readonly windowNumber: number;
  readonly devTools: boolean;
  readonly rules: SupervisorRules;
  readonly probe: () => Promise<boolean>;
  readonly log: ShellLog;
}

export interface OpenedWindow {
  readonly window: BrowserWindow;
  readonly supervisor: ShellSupervisor;
}

/** Open the staff console at `plan.console` and start it (pairing page first if the station is not paired). */
export function openConsole(
  setup: CounterWindowSetup & { readonly paired: () => boolean; readonly pairingUrl: string },
  page: WindowPage,
  plan: DisplayPlan,
): OpenedWindow {
  const window = new BrowserWindow(
    consoleWindowOptions({ bounds: plan.console.bounds, windowNumber: setup.windowNumber, devTools: setup.devTools }),
  );
  const supervisor = superviseWindow(window, {
    pageBase: page.base,
    pageUrl: page.url,
    rules: setup.rules,
    probe: setup.probe,
    log: setup.log,
    onRendererGone: (reason, supervised) =>
      // The gate below exists before any renderer can be gone (events come after this function returns).
      gate.pairing ? loadInto(window, setup.pairingUrl) : supervised.rendererGone(reason),
  });
  window.once("ready-to-show", () => window.show());
  const gate = new PairingGate(setup.paired, {
    showPairing: () => {
      setup.log.warn({}, "station not paired: the console shows the agent's pairing page");
      supervisor.suspend();
      loadInto(window, setup.pairingUrl);
    },
    showPage: () => supervisor.start(),
  });
  gate.start();
  window.once("closed", () => gate.stop());
  return { window, supervisor };
}

/** Open the window screen at `plan.windowScreen` and start it. It never takes the keyboard from the console. */
export function openWindowScreen(setup: CounterWindowSetup, page: WindowPage, plan: DisplayPlan): OpenedWindow {
  const window = new BrowserWindow(
    windowScreenOptions({ placement: plan.windowScreen, windowNumber: setup.windowNumber, devTools: setup.devTools }),
  );
  const supervisor = superviseWindow(window, {
    pageBase: page.base,
    pageUrl: page.url,
    rules: setup.rules,
    probe: setup.probe,
    log: setup.log,
  });
  window.once("ready-to-show", () => window.showInactive());
  supervisor.start();
  return { window, supervisor };
}

/** Move the window screen to its new place (a display added, removed or changed). */
export function placeWindowScreen(window: BrowserWindow, placement: DisplayPlan["windowScreen"]): void {
  // Out of fullscreen first: a fullscreen window ignores setBounds on most window managers.
  if (window.isFullScreen()) window.setFullScreen(false);
  window.setSkipTaskbar(placement.fullscreen);
  window.setResizable(!placement.fullscreen);
  window.setBounds(placement.bounds);
  if (placement.fullscreen) window.setFullScreen(true);
}

/** Move the console to its new place (its display gone or back, or the window screen left or joined it). */
export function placeConsole(window: BrowserWindow, placement: DisplayPlan["console"]): void {
  if (window.isMaximized()) window.unmaximize();
  window.setBounds(placement.bounds);
}
