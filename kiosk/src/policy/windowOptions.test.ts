import { describe, expect, it } from "vitest";
import { SHELL_BACKGROUND, devToolsAllowed, kioskWindowOptions } from "./windowOptions.ts";

describe("the kiosk window's options", () => {
  it("when built, then the window is a hidden-until-painted fullscreen kiosk without frame, on the shell colour", () => {
    const options = kioskWindowOptions({ devTools: false });
    expect(options).toMatchObject({ show: false, kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(options.backgroundColor).toBe(SHELL_BACKGROUND);
  });

  it("when built, then the renderer is isolated, sandboxed, without Node.js, webviews, insecure content or dialogs", () => {
    expect(kioskWindowOptions({ devTools: false }).webPreferences).toEqual({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      disableDialogs: true,
      navigateOnDragDrop: false,
      spellcheck: false,
      experimentalFeatures: false,
    });
  });

  it("when the background colour is read, then it matches the fallback page's ground (no flash on switching)", async () => {
    const { readFile } = await import("node:fs/promises");
    const css = await readFile(new URL("../../fallback/fallback.css", import.meta.url), "utf8");
    expect(css).toContain(`--ground: ${SHELL_BACKGROUND};`);
  });

  it.each([
    [{ packaged: true, requested: true }, false],
    [{ packaged: true, requested: false }, false],
    [{ packaged: false, requested: false }, false],
    [{ packaged: false, requested: true }, true],
  ])("when the run is %j, then developer tools are allowed: %s", (run, allowed) => {
    expect(devToolsAllowed(run)).toBe(allowed);
    expect(kioskWindowOptions({ devTools: devToolsAllowed(run) }).webPreferences.devTools).toBe(allowed);
  });
});
