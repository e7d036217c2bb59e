/**
 * The counter's two windows, as options for `new BrowserWindow` (where the compiler checks them against Electron's
 * BrowserWindowConstructorOptions; this file never imports electron). Both: hidden until painted, on the shell
 * colour, with every shell window's locked-down renderer (station-shell rendererPreferences.ts).
 *
 * - the staff console: a normal desk window (frame, resizable, minimisable, not kiosk, not fullscreen) at the bounds
 *   displayChoice.ts gave it, never smaller than the console page's layout needs;
 * - the window screen: on a display of its own, frameless fullscreen, out of the task bar and never focused by
 *   showing it (the console keeps the keyboard); sharing the console's display, a plain window beside it.
 */
import { SHELL_BACKGROUND, lockedRendererPreferences, type LockedRendererPreferences } from "@onewindow/station-shell";
import type { Rect } from "./displayChoice.ts";

/** The console page's smallest usable size (Element Plus desk layout), DIP. */
export const CONSOLE_MIN_SIZE = Object.freeze({ width: 1024, height: 640 });

/** The subset of Electron's BrowserWindowConstructorOptions the counter's windows set. */
export interface CounterWindowOptions {
  readonly show: boolean;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly kiosk: boolean;
  readonly fullscreen: boolean;
  readonly frame: boolean;
  readonly resizable: boolean;
  readonly minimizable: boolean;
  readonly skipTaskbar: boolean;
  readonly autoHideMenuBar: boolean;
  readonly backgroundColor: string;
  readonly title: string;
  readonly webPreferences: LockedRendererPreferences;
}

/** The staff console's options at `bounds` (displayChoice.ts); `devTools` from station-shell's `devToolsAllowed`. */
export function consoleWindowOptions(options: {
  readonly bounds: Rect;
  readonly windowNumber: number;
  readonly devTools: boolean;
}): CounterWindowOptions {
  const { bounds } = options;
  // A work area smaller than the minimum (a small laptop panel) still gets the whole area, never more.
  const minWidth = Math.min(CONSOLE_MIN_SIZE.width, bounds.width);
  const minHeight = Math.min(CONSOLE_MIN_SIZE.height, bounds.height);
  return {
    show: false,
    ...bounds,
    minWidth,
    minHeight,
    kiosk: false,
    fullscreen: false,
    frame: true,
    resizable: true,
    minimizable: true,
    skipTaskbar: false,
    autoHideMenuBar: true,
    backgroundColor: SHELL_BACKGROUND,
    title: `OneWindow ${String(options.windowNumber)} 号窗口 · 工作台`,
    webPreferences: lockedRendererPreferences({ devTools: options.devTools }),
  };
}

/** The window screen's options at `placement` (displayChoice.ts). */
export function windowScreenOptions(options: {
  readonly placement: { readonly bounds: Rect; readonly fullscreen: boolean };
  readonly windowNumber: number;
  readonly devTools: boolean;
}): CounterWindowOptions {
  const { bounds, fullscreen } = options.placement;
  return {
    show: false,
    ...bounds,
    minWidth: 0,
    minHeight: 0,
    // Fullscreen on its own display, not kiosk mode: kiosk mode is app-wide on some systems and would lock the
    // console too.
    kiosk: false,
    fullscreen,
    frame: !fullscreen,
    resizable: !fullscreen,
    minimizable: !fullscreen,
    skipTaskbar: fullscreen,
    autoHideMenuBar: true,
    backgroundColor: SHELL_BACKGROUND,
    title: `OneWindow ${String(options.windowNumber)} 号窗口 · 窗口屏`,
    webPreferences: lockedRendererPreferences({ devTools: options.devTools }),
  };
}
