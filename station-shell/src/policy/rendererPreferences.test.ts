import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { SHELL_BACKGROUND, devToolsAllowed, lockedRendererPreferences } from "./rendererPreferences.ts";

describe("every shell window's renderer", () => {
  it("when built, then it is isolated, sandboxed, without Node.js, webviews, insecure content or dialogs", () => {
    expect(lockedRendererPreferences({ devTools: false })).toEqual({
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
    expect(lockedRendererPreferences({ devTools: devToolsAllowed(run) }).devTools).toBe(allowed);
  });
});
