/**
 * Which display gets which of the counter's two windows, and where on it: the staff console on the desk display
 * (the primary one unless the config names another), the citizen-facing window screen fullscreen on a display of
 * its own (the first other display unless the config names one), or, with only one display, a second normal
 * window beside the console. Pure: main/main.ts feeds it Electron's `screen.getAllDisplays()` and
 * `getPrimaryDisplay().id` at launch and again whenever a display is added, removed or changed, and applies the plan.
 *
 *   displays + picks --> console: display, bounds (its work area: a desk window the staff may resize)
 *                    --> window screen: display, bounds, fullscreen (own display) | beside the console (shared)
 *                    --> notes (a named display missing, the window screen sharing the desk display)
 */

/** A rectangle in Electron's screen coordinates (DIP). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The fields of Electron's `Display` the choice reads. */
export interface DisplayInfo {
  readonly id: number;
  /** The monitor's name as the OS gives it ("DELL P2419H"); may be "". */
  readonly label: string;
  readonly bounds: Rect;
  /** The bounds without task bars and docks. */
  readonly workArea: Rect;
  /** A laptop's own panel. */
  readonly internal: boolean;
}

/** Which display a window goes to, as the counter config says (config/counterConfig.ts `displays`). */
export type DisplayPick =
  | "primary"
  /** The first display other than the console's: external before built-in, then left to right, top to bottom. */
  | "secondary"
  | { readonly id: number }
  /** The first display whose label contains this text (case-insensitive). */
  | { readonly label: string };

export interface DisplayPicks {
  readonly console: DisplayPick;
  readonly windowScreen: DisplayPick;
}

export interface DisplayPlan {
  readonly console: { readonly displayId: number; readonly bounds: Rect };
  readonly windowScreen: {
    readonly displayId: number;
    readonly bounds: Rect;
    /** True on a display of its own; false when it shares the console's display as a normal window. */
    readonly fullscreen: boolean;
  };
  /** What a technician should know (logged at launch and on every change). */
  readonly notes: readonly string[];
}

/** The share of the work area the window screen takes beside the console when both share one display. */
export const SHARED_WINDOW_SCREEN_SHARE = 1 / 3;

/** Bounds used when Electron reports no display at all (a display server without outputs). */
export const NO_DISPLAY_BOUNDS: Rect = Object.freeze({ x: 0, y: 0, width: 1280, height: 800 });

/** External before built-in, then left to right, top to bottom: the order "secondary" walks. */
function byPreference(a: DisplayInfo, b: DisplayInfo): number {
  return Number(a.internal) - Number(b.internal) || a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y;
}

const describe = (pick: DisplayPick): string =>
  typeof pick === "string" ? pick : "id" in pick ? `id ${pick.id}` : `label "${pick.label}"`;

function named(displays: readonly DisplayInfo[], pick: { readonly id: number } | { readonly label: string }) {
  if ("id" in pick) return displays.find((display) => display.id === pick.id);
  const wanted = pick.label.toLowerCase();
  return displays.find((display) => display.label.toLowerCase().includes(wanted));
}

/** Choose the displays and bounds of the console and the window screen. Never throws. */
export function chooseDisplays(displays: readonly DisplayInfo[], primaryId: number, picks: DisplayPicks): DisplayPlan {
  const notes: string[] = [];
  const primary = displays.find((display) => display.id === primaryId) ?? displays[0];
  if (!primary) {
    notes.push("no display reported: both windows placed at 1280x800");
    return {
      console: { displayId: primaryId, bounds: NO_DISPLAY_BOUNDS },
      windowScreen: { displayId: primaryId, bounds: NO_DISPLAY_BOUNDS, fullscreen: false },
      notes,
    };
  }
  const others = (than: DisplayInfo) => displays.filter((display) => display.id !== than.id).sort(byPreference);

  let desk = primary;
  if (picks.console === "secondary") desk = others(primary)[0] ?? primary;
  else if (picks.console !== "primary") {
    const found = named(displays, picks.console);
    if (found) desk = found;
    else notes.push(`console display ${describe(picks.console)} is not connected: using the primary display`);
  }

  let screen: DisplayInfo | undefined;
  if (picks.windowScreen === "primary") screen = primary;
  else if (picks.windowScreen !== "secondary") {
    const found = named(displays, picks.windowScreen);
    if (!found)
      notes.push(`window screen display ${describe(picks.windowScreen)} is not connected: using another display`);
    else if (found.id === desk.id)
      notes.push(`window screen display ${describe(picks.windowScreen)} is the console's: using another display`);
    else screen = found;
  }
  screen ??= others(desk)[0] ?? desk;

  if (screen.id !== desk.id)
    return {
      console: { displayId: desk.id, bounds: desk.workArea },
      windowScreen: { displayId: screen.id, bounds: screen.bounds, fullscreen: true },
      notes,
    };

  notes.push("one display for both: the window screen is a window beside the console");
  const area = desk.workArea;
  const screenWidth = Math.round(area.width * SHARED_WINDOW_SCREEN_SHARE);
  return {
    console: { displayId: desk.id, bounds: { ...area, width: area.width - screenWidth } },
    windowScreen: {
      displayId: desk.id,
      bounds: { x: area.x + area.width - screenWidth, y: area.y, width: screenWidth, height: area.height },
      fullscreen: false,
    },
    notes,
  };
}

/** Whether a new plan moves the window screen (another display, other bounds, or in or out of fullscreen). */
export function windowScreenMoved(before: DisplayPlan, after: DisplayPlan): boolean {
  const [a, b] = [before.windowScreen, after.windowScreen];
  return a.displayId !== b.displayId || a.fullscreen !== b.fullscreen || !sameRect(a.bounds, b.bounds);
}

/**
 * Whether a new plan moves the console: only when it changes display (its display was unplugged, or came back) or
 * the window screen leaves or joins its display. Otherwise the staff member's own size and place are kept.
 */
export function consoleMoved(before: DisplayPlan, after: DisplayPlan): boolean {
  return (
    before.console.displayId !== after.console.displayId ||
    before.windowScreen.fullscreen !== after.windowScreen.fullscreen
  );
}

function sameRect(a: Rect, b: Rect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}
