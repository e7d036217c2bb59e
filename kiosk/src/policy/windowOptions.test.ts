import { SHELL_BACKGROUND, lockedRendererPreferences } from "@onewindow/station-shell";
import { describe, expect, it } from "vitest";
import { kioskWindowOptions } from "./windowOptions.ts";

describe("the kiosk window's options", () => {
  it("when built, then the window is a hidden-until-painted fullscreen kiosk without frame, on the shell colour", () => {
    const options = kioskWindowOptions({ devTools: false });
    expect(options).toMatchObject({ show: false, kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(options.backgroundColor).toBe(SHELL_BACKGROUND);
  });

  it("when built, then the renderer is every shell window's locked-down one, developer tools as asked", () => {
    expect(kioskWindowOptions({ devTools: false }).webPreferences).toEqual(
      lockedRendererPreferences({ devTools: false }),
    );
    expect(kioskWindowOptions({ devTools: false }).webPreferences).toMatchObject({
      sandbox: true,
      nodeIntegration: false,
    });
    expect(kioskWindowOptions({ devTools: true }).webPreferences.devTools).toBe(true);
  });
});
