/**
 * The counter shell's Electron main process: the composition root. It reads the shell config, starts the station
 * agent in this process (the counter's caller keypad, evaluation keypad and LED strip; its page API on 127.0.0.1
 * with a fresh per-launch secret), and shows the hall-server's two counter pages, the agent's address and secret in
 * each page's URL fragment:
 *
 *   counter.json --> station.json (kind "counter", windowNumber n) --> startAgent --> ws://127.0.0.1:P/ + secret
 *                                                                                          |
 *   console (desk window, primary display)  <-- <hall-server>/counter#agent=...&secret=...
 *   window screen (fullscreen, other display) <-- <hall-server>/window/<n>#agent=...&secret=...
 *       either one, server unreachable / page error / crash loop --> onewindow-shell://fallback/index.html ("暂停服务")
 *
 * Everything it decides is a policy/ function (here or in station-shell) tested in Node; this file cannot run here
 * (no Electron binary) and is type-checked only. Exit codes: 0 quit, 1 failed to start, 2 bad config.
 */
import { join } from "node:path";
import { app, Menu, screen, session, type BrowserWindow, type WebContents } from "electron";
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
  pairingPageUrl,
  probeHealth,
  secondInstanceSteps,
  supervisorRulesOf,
} from "@onewindow/station-shell";
import {
  lockDownContents,
  lockDownSession,
  registerFallbackScheme,
  serveFallbackPage,
  type ContentsRules,
} from "@onewindow/station-shell/main";
import { counterConfigPath, counterStationOf, loadCounterConfig, type CounterConfig } from "../config/counterConfig.ts";
import { closeOutcome } from "../policy/closeRule.ts";
import { isBlockedConsoleKey } from "../policy/consoleKeys.ts";
import { counterPageBase, counterPageUrl, type CounterRole } from "../policy/counterPages.ts";
import { chooseDisplays, consoleMoved, windowScreenMoved, type DisplayPlan } from "../policy/displayChoice.ts";
import { openConsole, openWindowScreen, placeConsole, placeWindowScreen, type OpenedWindow } from "./counterWindows.ts";

function fail(code: number, message: string): never {
  process.stderr.write(`onewindow counter: ${message}\n`);
  app.exit(code);
  process.exit(code);
}

if (instanceRole(app.requestSingleInstanceLock()) === "quit") {
  process.stderr.write("onewindow counter: already running on this PC; its console was brought to the front\n");
  app.exit(0);
  process.exit(0);
}

let config: CounterConfig;
try {
  config = loadCounterConfig(counterConfigPath(process.argv, process.env, app.getPath("userData")));
} catch (error) {
  fail(2, error instanceof ConfigError ? error.message : String(error));
}
const log = pino({ level: config.logLevel, base: { app: "counter" } });

app.enableSandbox();
registerFallbackScheme();
Menu.setApplicationMenu(null);

let agent: StationAgent | undefined;
let windowNumber = 0;
const windows = new Map<CounterRole, OpenedWindow>();
/** Which window each webContents belongs to (known once its BrowserWindow is built). */
const roleOf = new Map<number, CounterRole>();
let plan: DisplayPlan | undefined;
let quitting = false;

const baseOf = (role: CounterRole) => counterPageBase({ ...config, windowNumber }, role);
const pairingPage = () => (agent && !agent.paired ? pairingPageUrl(agent.url) : undefined);

/** Each window keeps to its own page; a webContents of no known window may go nowhere and gets no keys. */
function rulesOf(contents: WebContents): ContentsRules {
  const role = roleOf.get(contents.id);
  if (role === "console")
    return {
      verdict: (url) => navigationVerdict(url, baseOf("console"), pairingPage()),
      blocksKey: isBlockedConsoleKey,
    };
  if (role === "windowScreen")
    return { verdict: (url) => navigationVerdict(url, baseOf("windowScreen")), blocksKey: isBlockedShortcut };
  return { verdict: () => "refused", blocksKey: () => true };
}
app.on("web-contents-created", (_event, contents) => lockDownContents(contents, () => rulesOf(contents), log));

app.on("second-instance", () => {
  // The window screen comes back without taking focus; the console comes to the front.
  for (const role of ["windowScreen", "console"] as const) {
    const current = windows.get(role)?.window;
    const state = current && {
      minimized: current.isMinimized(),
      visible: current.isVisible(),
      fullScreen: current.isFullScreen(),
      wantsFullScreen: role === "windowScreen" && plan?.windowScreen.fullscreen === true,
    };
    for (const step of secondInstanceSteps(state)) {
      if (step === "restore") current?.restore();
      else if (step === "show") current?.showInactive();
      else if (step === "fullscreen") current?.setFullScreen(true);
      else if (role === "console") current?.focus();
    }
  }
});

function currentPlan(): DisplayPlan {
  return chooseDisplays(screen.getAllDisplays(), screen.getPrimaryDisplay().id, config.displays);
}

/** Re-plan after a display change; move only what the change moves. */
function replan(): void {
  const before = plan;
  const after = currentPlan();
  if (!before) return;
  plan = after;
  for (const note of after.notes) log.warn({}, note);
  const consoleWindow = windows.get("console")?.window;
  const windowScreen = windows.get("windowScreen")?.window;
  if (windowScreen && windowScreenMoved(before, after)) {
    log.info(
      { display: after.windowScreen.displayId, fullscreen: after.windowScreen.fullscreen },
      "window screen moved",
    );
    placeWindowScreen(windowScreen, after.windowScreen);
  }
  if (consoleWindow && consoleMoved(before, after)) {
    log.info({ display: after.console.displayId }, "console moved");
    placeConsole(consoleWindow, after.console);
  }
}

function guardClose(role: CounterRole, window: BrowserWindow): void {
  window.on("close", (event) => {
    const outcome = closeOutcome(role, quitting);
    if (outcome === "close") return;
    event.preventDefault();
    if (outcome === "minimize") window.minimize();
  });
}

async function launch(): Promise<void> {
  let station: StationConfig;
  try {
    station = loadStationConfig(config.agentConfig);
    windowNumber = counterStationOf(config, station).windowNumber;
  } catch (error) {
    fail(2, error instanceof ConfigError ? error.message : String(error));
  }
  agent = await startAgent(station, { log: log.child({ module: "agent" }) });
  const address = { url: agent.url, secret: agent.secret };
  const pages = {
    console: { base: baseOf("console"), url: counterPageUrl({ ...config, windowNumber }, "console", address) },
    windowScreen: {
      base: baseOf("windowScreen"),
      url: counterPageUrl({ ...config, windowNumber }, "windowScreen", address),
    },
  };
  log.info(
    {
      agent: agent.url,
      window: windowNumber,
      console: forLog(pages.console.url),
      screen: forLog(pages.windowScreen.url),
    },
    "station agent started",
  );

  serveFallbackPage(join(import.meta.dirname, "fallback"));
  lockDownSession(session.defaultSession, [pages.console.base, pages.windowScreen.base]);
  plan = currentPlan();
  for (const note of plan.notes) log.warn({}, note);
  const healthUrl = healthUrlOf(pages.console.base);
  const timeoutMs = config.healthProbe.timeoutSeconds * 1000;
  const shared = {
    windowNumber,
    devTools: devToolsAllowed({ packaged: app.isPackaged, requested: config.devTools }),
    rules: supervisorRulesOf(config),
    probe: () => probeHealth(healthUrl, timeoutMs),
  };
  // The window screen first, so the console (created last) has the focus.
  const windowScreen = openWindowScreen(
    { ...shared, log: log.child({ module: "window-screen" }) },
    pages.windowScreen,
    plan,
  );
  roleOf.set(windowScreen.window.webContents.id, "windowScreen");
  windows.set("windowScreen", windowScreen);
  const deskConsole = openConsole(
    {
      ...shared,
      log: log.child({ module: "console" }),
      paired: () => agent?.paired === true,
      pairingUrl: pairingPageUrl(agent.url),
    },
    pages.console,
    plan,
  );
  roleOf.set(deskConsole.window.webContents.id, "console");
  windows.set("console", deskConsole);
  guardClose("windowScreen", windowScreen.window);
  guardClose("console", deskConsole.window);
  screen.on("display-added", replan);
  screen.on("display-removed", replan);
  screen.on("display-metrics-changed", replan);
}

app.on("before-quit", () => {
  quitting = true;
  for (const { supervisor } of windows.values()) supervisor.stop();
});

// The agent ends its hall session cleanly (and finishes or journals any open work) before the process ends.
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
