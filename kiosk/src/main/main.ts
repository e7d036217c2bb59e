/**
 * The kiosk shell's Electron main process: the composition root. It reads the shell config, starts the station
 * agent in this process (its page API on 127.0.0.1 with a fresh per-launch secret), and shows the hall-server's
 * kiosk page in one locked-down fullscreen window, the agent's address and secret in the page's URL fragment.
 *
 *   kiosk.json --> station.json --> startAgent --> ws://127.0.0.1:P/ + secret
 *                                                        |
 *   BrowserWindow <-- <hall-server>/kiosk#agent=...&secret=...   (fallback: onewindow-shell://fallback/index.html)
 *
 * A station not paired (first run, or revoked by the hall) shows the agent's pairing page (station-agent README).
 * Everything it decides is a policy/ function tested in Node; this file cannot run here (no Electron binary) and is
 * type-checked only. Exit codes: 0 quit, 1 failed to start, 2 bad config.
 */
import { join } from "node:path";
import { app, BrowserWindow, Menu, session } from "electron";
import { pino } from "pino";
import {
  ConfigError,
  loadStationConfig,
  startAgent,
  type StationAgent,
  type StationConfig,
} from "@onewindow/station-agent";
import {
  devToolsAllowed,
  forLog,
  healthUrlOf,
  instanceRole,
  isBlockedShortcut,
  navigationVerdict,
  pageBase,
  pageUrl,
  pairingPageUrl,
  probeHealth,
  secondInstanceSteps,
  supervisorRulesOf,
  type ShellSupervisor,
} from "@onewindow/station-shell";
import {
  lockDownContents,
  lockDownSession,
  registerFallbackScheme,
  serveFallbackPage,
} from "@onewindow/station-shell/main";
import { assertAgentAdmitsPage, loadShellConfig, shellConfigPath, type ShellConfig } from "../config/shellConfig.ts";
import { openKioskWindow } from "./kioskWindow.ts";

function fail(code: number, message: string): never {
  process.stderr.write(`onewindow kiosk: ${message}\n`);
  app.exit(code);
  process.exit(code);
}

if (instanceRole(app.requestSingleInstanceLock()) === "quit") {
  process.stderr.write("onewindow kiosk: already running on this PC; that window was brought to the front\n");
  app.exit(0);
  process.exit(0);
}

let config: ShellConfig;
const configPath = shellConfigPath(process.argv, process.env, app.getPath("userData"));
try {
  config = loadShellConfig(configPath);
} catch (error) {
  fail(2, error instanceof ConfigError ? error.message : String(error));
}
const log = pino({ level: config.logLevel, base: { app: "kiosk" } });
const kioskBase = pageBase(config.hallUrl, config.kioskPath);

app.enableSandbox();
registerFallbackScheme();
Menu.setApplicationMenu(null);
let window: BrowserWindow | undefined;
let supervisor: ShellSupervisor | undefined;
let agent: StationAgent | undefined;
const pairingPage = () => (agent && !agent.paired ? pairingPageUrl(agent.url) : undefined);
app.on("web-contents-created", (_event, contents) =>
  lockDownContents(
    contents,
    () => ({ verdict: (url) => navigationVerdict(url, kioskBase, pairingPage()), blocksKey: isBlockedShortcut }),
    log,
  ),
);
let quitting = false;

app.on("second-instance", () => {
  const current = window;
  const state = current && {
    minimized: current.isMinimized(),
    visible: current.isVisible(),
    fullScreen: current.isFullScreen(),
    wantsFullScreen: true,
  };
  for (const step of secondInstanceSteps(state)) {
    if (step === "restore") current?.restore();
    else if (step === "show") current?.show();
    else if (step === "fullscreen") current?.setFullScreen(true);
    else current?.focus();
  }
});

async function launch(): Promise<void> {
  let station: StationConfig;
  try {
    station = loadStationConfig(config.agentConfig);
    assertAgentAdmitsPage(config, station);
  } catch (error) {
    fail(2, error instanceof ConfigError ? error.message : String(error));
  }
  agent = await startAgent(station, { log: log.child({ module: "agent" }) });
  log.info({ agent: agent.url, page: forLog(kioskBase) }, "station agent started");

  serveFallbackPage(join(import.meta.dirname, "fallback"));
  lockDownSession(session.defaultSession, [kioskBase]);
  const healthUrl = healthUrlOf(kioskBase);
  const timeoutMs = config.healthProbe.timeoutSeconds * 1000;
  const opened = openKioskWindow({
    kioskBase,
    kioskUrl: pageUrl(config.hallUrl, config.kioskPath, { url: agent.url, secret: agent.secret }),
    devTools: devToolsAllowed({ packaged: app.isPackaged, requested: config.devTools }),
    rules: supervisorRulesOf(config),
    probe: () => probeHealth(healthUrl, timeoutMs),
    log: log.child({ module: "window" }),
    paired: () => agent?.paired === true,
    pairingUrl: pairingPageUrl(agent.url),
  });
  window = opened.window;
  supervisor = opened.supervisor;
  // Alt+F4 and the like close nothing: only a quit (SIGTERM, the OS shutting down) ends the kiosk.
  window.on("close", (event) => {
    if (!quitting) event.preventDefault();
  });
}

app.on("before-quit", () => {
  quitting = true;
  supervisor?.stop();
});

// The agent finishes or journals its open take before the process ends (station-agent README "Take").
let agentStopped = false;
app.on("will-quit", (event) => {
  if (agentStopped || !agent) return;
  event.preventDefault();
  void agent
    .stop()
    .catch((error: unknown) => log.error({ err: error }, "station agent did not stop cleanly"))
    .finally(() => {
      agentStopped = true;
      app.quit();
    });
});

app.on("window-all-closed", () => app.quit());

app
  .whenReady()
  .then(launch)
  .catch((error: unknown) => fail(1, `could not start: ${error instanceof Error ? error.message : String(error)}`));
