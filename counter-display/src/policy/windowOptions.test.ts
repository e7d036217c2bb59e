import { SHELL_BACKGROUND, lockedRendererPreferences } from "@onewindow/station-shell";
import { describe, expect, it } from "vitest";
import { CONSOLE_MIN_SIZE, consoleWindowOptions, windowScreenOptions } from "./windowOptions.ts";

const desk = { x: 0, y: 0, width: 1920, height: 1040 };
const citizen = { x: 1920, y: 0, width: 1280, height: 800 };

describe("the staff console's window", () => {
  it("when built, then it is a normal desk window: framed, resizable, minimisable, in the task bar, not kiosk or fullscreen", () => {
    const options = consoleWindowOptions({ bounds: desk, windowNumber: 2, devTools: false });
    expect(options).toMatchObject({
      show: false,
      ...desk,
      kiosk: false,
      fullscreen: false,
      frame: true,
      resizable: true,
      minimizable: true,
      skipTaskbar: false,
      minWidth: CONSOLE_MIN_SIZE.width,
      minHeight: CONSOLE_MIN_SIZE.height,
      backgroundColor: SHELL_BACKGROUND,
    });
    expect(options.title).toContain("2 号窗口");
  });

  it("when built, then its renderer is every shell window's locked-down one", () => {
    expect(consoleWindowOptions({ bounds: desk, windowNumber: 2, devTools: false }).webPreferences).toEqual(
      lockedRendererPreferences({ devTools: false }),
    );
  });

  it("when its display's work area is smaller than the page's minimum, then the minimum shrinks to the area", () => {
    const small = { x: 0, y: 0, width: 900, height: 560 };
    expect(consoleWindowOptions({ bounds: small, windowNumber: 1, devTools: false })).toMatchObject({
      minWidth: 900,
      minHeight: 560,
      width: 900,
    });
  });
});

describe("the window screen's window", () => {
  it("when it has a display of its own, then it is frameless fullscreen there, out of the task bar, not kiosk mode", () => {
    const options = windowScreenOptions({
      placement: { bounds: citizen, fullscreen: true },
      windowNumber: 2,
      devTools: false,
    });
    expect(options).toMatchObject({
      show: false,
      ...citizen,
      fullscreen: true,
      kiosk: false,
      frame: false,
      resizable: false,
      minimizable: false,
      skipTaskbar: true,
    });
    expect(options.webPreferences).toEqual(lockedRendererPreferences({ devTools: false }));
  });

  it("when it shares the console's display, then it is a plain framed window at its place beside the console", () => {
    const beside = { x: 1280, y: 0, width: 640, height: 1040 };
    expect(
      windowScreenOptions({ placement: { bounds: beside, fullscreen: false }, windowNumber: 2, devTools: false }),
    ).toMatchObject({ ...beside, fullscreen: false, frame: true, resizable: true, skipTaskbar: false });
  });
});
