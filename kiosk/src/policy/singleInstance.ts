/**
 * One kiosk shell per PC: a second launch (a double click on the desktop, an autostart racing a technician) must not
 * open a second window or a second station agent on the same devices. main/main.ts asks Electron for the
 * single-instance lock; the second process quits, and the first brings its window back to the front.
 */

/** What the second launch does: "run" with the lock, "quit" without it. */
export function instanceRole(gotLock: boolean): "run" | "quit" {
  return gotLock ? "run" : "quit";
}

/** The kiosk window as the first instance sees it when the second one starts (undefined: none yet). */
export interface KioskWindowState {
  readonly minimized: boolean;
  readonly visible: boolean;
  readonly fullScreen: boolean;
}

export type SecondInstanceStep = "restore" | "show" | "fullscreen" | "focus";

/** The steps, in order, that bring the kiosk window back in front when a second instance starts. */
export function secondInstanceSteps(window: KioskWindowState | undefined): SecondInstanceStep[] {
  if (!window) return [];
  const steps: SecondInstanceStep[] = [];
  if (window.minimized) steps.push("restore");
  if (!window.visible) steps.push("show");
  if (!window.fullScreen) steps.push("fullscreen");
  steps.push("focus");
  return steps;
}
