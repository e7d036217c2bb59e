/**
 * One shell per PC: a second launch (a double click on the desktop, an autostart racing a technician) must not open
 * more windows or a second station agent on the same devices. A shell's main/main.ts asks Electron for the
 * single-instance lock; the second process quits, and the first brings its windows back to the front.
 */

/** What the second launch does: "run" with the lock, "quit" without it. */
export function instanceRole(gotLock: boolean): "run" | "quit" {
  return gotLock ? "run" : "quit";
}

/** A shell window as the first instance sees it when the second one starts (undefined: none yet). */
export interface ShellWindowState {
  readonly minimized: boolean;
  readonly visible: boolean;
  readonly fullScreen: boolean;
  /** Whether the window belongs in fullscreen (the kiosk window; a window screen on its own display). */
  readonly wantsFullScreen: boolean;
}

export type SecondInstanceStep = "restore" | "show" | "fullscreen" | "focus";

/** The steps, in order, that bring a shell window back in front when a second instance starts. */
export function secondInstanceSteps(window: ShellWindowState | undefined): SecondInstanceStep[] {
  if (!window) return [];
  const steps: SecondInstanceStep[] = [];
  if (window.minimized) steps.push("restore");
  if (!window.visible) steps.push("show");
  if (window.wantsFullScreen && !window.fullScreen) steps.push("fullscreen");
  steps.push("focus");
  return steps;
}
