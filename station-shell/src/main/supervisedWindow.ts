/**
 * Wire one shell window to its ShellSupervisor (policy/shellSupervisor.ts): the window's load, navigation, crash and
 * hang events go in; the supervisor's decisions (show the page, show the fallback page, end a hung renderer) come
 * out as loads on the window. Used by the kiosk window and by both of the counter's windows.
 */
import type { BrowserWindow } from "electron";
import { ShellSupervisor, type ShellLog, type SupervisorRules } from "../policy/shellSupervisor.ts";
import { fallbackPageUrl } from "../policy/shellUrls.ts";

export interface SupervisedWindowSetup {
  /** The window's page without fragment (guards compare against it). */
  readonly pageBase: string;
  /** The window's page with the agent fragment: secret, never logged. */
  readonly pageUrl: string;
  readonly rules: SupervisorRules;
  /** Resolves true when the hall-server's /health answers (health/healthProbe.ts); never rejects. */
  readonly probe: () => Promise<boolean>;
  readonly log: ShellLog;
  /**
   * Who hears a renderer that is gone; by default the supervisor. The kiosk's and the console's pairing gate takes
   * it while the pairing page shows (the supervisor is suspended then).
   */
  readonly onRendererGone?: (reason: string, supervisor: ShellSupervisor) => void;
}

/** Load `url` into the window; a failed load has already reached the supervisor through did-fail-load. */
export function loadInto(window: BrowserWindow, url: string): void {
  void window.webContents.loadURL(url).catch(() => undefined);
}

/** Supervise `window` (not started: call `start()` on the result, or let a pairing gate do it). */
export function superviseWindow(window: BrowserWindow, setup: SupervisedWindowSetup): ShellSupervisor {
  const contents = window.webContents;
  const supervisor = new ShellSupervisor(
    setup.pageBase,
    setup.rules,
    {
      showPage: () => loadInto(window, setup.pageUrl),
      showFallback: (reason, waitSeconds) =>
        loadInto(window, fallbackPageUrl({ returnUrl: setup.pageUrl, waitSeconds, reason })),
      endRenderer: () => contents.forcefullyCrashRenderer(),
    },
    setup.probe,
    setup.log,
  );
  window.on("unresponsive", () => supervisor.unresponsive());
  window.on("responsive", () => supervisor.responsive());
  contents.on("did-fail-load", (_event, errorCode, _description, url, isMainFrame) =>
    supervisor.loadFailed(url, { errorCode, isMainFrame }),
  );
  contents.on("did-navigate", (_event, url, httpStatus) => supervisor.navigated(url, httpStatus));
  contents.on("render-process-gone", (_event, details) =>
    setup.onRendererGone ? setup.onRendererGone(details.reason, supervisor) : supervisor.rendererGone(details.reason),
  );
  contents.on("did-finish-load", () => {
    // No pinch zoom that nobody at a touchscreen (or a citizen at the window screen) can undo.
    void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  });
  window.once("closed", () => supervisor.stop());
  return supervisor;
}
