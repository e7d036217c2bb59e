/**
 * `hall-server demo [--dir .demo-hall] [--port n] [--host addr] [--panel-port n]`: create the demo hall once (demo
 * catalogue, paired demo devices, tokens in devices.json), serve it, start the kiosk station and the counter stations
 * of windows 1-3 beside it (virtual printer, ID-card reader and scanner; per window a virtual caller keypad,
 * evaluation keypad and LED strip; each station's agent its own process; the virtual hardware panel on its own port:
 * demo/demoStation.ts), and print one banner with every URL (kiosk page, each window's console and window screen,
 * the hall screen), the device token file and the sign-in credentials. --port/--host (or
 * ONEWINDOW_PORT/HOST) override config.json on every run; the panel listens on the hall's port + 1 (a free port
 * when the hall's is 0) unless --panel-port says otherwise.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join, relative, resolve } from "node:path";
import { Catalog } from "@onewindow/contract";
import type { Command } from "commander";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { createDevice, pairDevice } from "../services/devices.ts";
import { changeHall, loadForCli } from "./hallAccess.ts";
import { createHall } from "./init.ts";
import { TAKE_BIN } from "../demo/agentProcess.ts";
import type { CounterLaunchView, DemoStation } from "../demo/demoStation.ts";
import { listenOptions } from "./options.ts";
import { serveHall } from "./start.ts";
import { ensureHallPages } from "../pages/ensureHallPages.ts";
import { CliError, intOption, withExample } from "./support.ts";

/** The demo catalogue's documented credentials (see README). */
export const DEMO_CREDENTIALS = { admin: "GW001", adminPassword: "onewindow-admin", staffPin: "123456" } as const;

interface DemoDevice {
  name: string;
  kind: string;
  windowNumber?: number;
  token: string;
}

/** Register `demo`. */
export function registerDemo(program: Command): void {
  withExample(
    listenOptions(
      program
        .command("demo")
        .description("create (once) and serve a demo hall with paired demo devices; prints how to use it")
        .option("--dir <dir>", "the demo hall's directory", ".demo-hall")
        .option(
          "--panel-port <n>",
          "the virtual hardware panel's port (default: the hall's port + 1; 0 picks a free one)",
          intOption("--panel-port", 0, 65535),
        ),
    ),
    "hall-server demo --port 8080",
    "ONEWINDOW_HOST=0.0.0.0 hall-server demo   # reachable from the LAN",
  ).action(async (opts: { dir: string; port?: number; host?: string; panelPort?: number }) => {
    const dir = resolve(opts.dir);
    // Loaded here, not at the top: only the demo ever loads the panel, the virtual devices and their servers.
    const { preparePanelBundle, startDemoStation } = await import("../demo/demoStation.ts");
    const { demoAppointmentCodes } = await import("../demo/demoAppointments.ts");
    // A stale panel bundle builds while the hall is created and opened (the 30 s budget after npm ci).
    const bundle = preparePanelBundle();
    // So do the hall's own pages (the phone status page, …): once after npm ci or a change, not on every start.
    const pages = ensureHallPages();
    // Awaited before the banner; this only keeps a failure elsewhere before then from leaving it unhandled.
    pages.catch(() => undefined);
    const configPath = join(dir, "config.json");
    const devicesPath = join(dir, "devices.json");
    if (!existsSync(configPath)) {
      await createHall({ dir, catalog: Catalog.parse(demoCatalog), port: 8080, host: "127.0.0.1", demoMode: true });
      const { config } = loadForCli(configPath, {});
      const devices = await changeHall(config, {
        what: "pair the demo devices",
        local: (ctx) =>
          [
            { name: "kiosk-1", kind: "kiosk" as const },
            { name: "hall-screen", kind: "screen" as const },
            // The online hall (网上办事大厅): it books and takes tickets in one phase, as staff do (a kiosk prints).
            { name: "online-hall", kind: "gateway" as const },
            ...[1, 2, 3].map((n) => ({ name: `counter-${n}`, kind: "counter" as const, windowNumber: n })),
          ].map((d) => ({ ...d, token: pairDevice(ctx, createDevice(ctx, d).pairingCode).token })),
      });
      writeFileSync(devicesPath, JSON.stringify(devices, null, 2) + "\n", { mode: 0o600 });
      chmodSync(devicesPath, 0o600);
    }
    const loaded = loadForCli(configPath, { port: opts.port, host: opts.host });
    let station: DemoStation | undefined;
    const { server, url } = await serveHall(loaded, { beforeStop: () => station?.stop() ?? Promise.resolve() });
    const devices = existsSync(devicesPath) ? (JSON.parse(readFileSync(devicesPath, "utf8")) as DemoDevice[]) : [];
    const hallPort = Number(new URL(url).port);
    const panelPort = opts.panelPort ?? (loaded.config.port === 0 ? 0 : hallPort + 1);
    const log = server.ctx.log.child({ module: "demo" });
    const kioskToken = devices.find((d) => d.kind === "kiosk")?.token;
    if (!kioskToken) throw new CliError(`${devicesPath} names no kiosk: delete ${dir} to create the demo hall anew`);
    const counters = devices.flatMap((d) =>
      d.kind === "counter" && d.windowNumber !== undefined ? [{ window: d.windowNumber, token: d.token }] : [],
    );
    let started = false;
    const countersStarted = new Set<number>();
    try {
      station = await startDemoStation({
        dir,
        host: loaded.config.host,
        panelPort,
        hallUrl: url,
        kioskToken,
        timeZone: loaded.config.timeZone,
        counters,
        bundle,
        codes: () => demoAppointmentCodes(server.ctx, dir, (error) => log.warn({ err: error }, "demo appointment")),
        onError: (error) => log.error({ err: error }, "hardware panel"),
        onAgentLine: (line, station) =>
          process.stdout.write(`[${station === "kiosk-1" ? "station agent" : `${station} agent`}] ${line}\n`),
        log: server.ctx.log.child({ module: "station-agent" }),
        // The first launch goes into the banner; a restart (after a kill) prints its new one-liner.
        onAgentStart: (launch) => {
          if (started)
            process.stdout.write(
              `station agent started again (pid ${launch.pid}); take one: ${takeCommand(url, launch.fragment)}\n`,
            );
          started = true;
        },
        onCounterStart: (launch) => {
          if (countersStarted.has(launch.window)) process.stdout.write(counterRestarted(url, launch));
          countersStarted.add(launch.window);
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
        throw new CliError(`the hardware panel's port ${panelPort} is already in use: pick another with --panel-port`);
      throw error;
    }
    for (const page of await pages)
      if (page.built) process.stdout.write(`built ${relative(process.cwd(), page.outDir)} in ${page.ms} ms\n`);
    process.stdout.write(
      banner({
        hallName: server.ctx.config.hallName,
        host: loaded.config.host,
        url,
        devicesPath,
        devices,
        panelUrl: station.panel.url,
        statusOrigin: server.ctx.listenOrigin ?? url,
        links: station.links,
        agent: station.agent(),
        counters: station.counters(),
        hallScreenToken: devices.find((d) => d.kind === "screen")?.token,
      }),
    );
  });
}

/** The kiosk page's address with the agent's fragment (the hall serves the page at /kiosk; the fragment stays local). */
function kioskPageUrl(hallUrl: string, fragment: string): string {
  return `${hallUrl}/kiosk#${fragment}`;
}

/** The staff console of a counter: the hall serves the page at /counter; the agent's fragment stays local. */
export function consoleUrl(hallUrl: string, fragment: string): string {
  return `${hallUrl}/counter#${fragment}`;
}

/** The citizen-facing window screen of counter `window`, talking to the same agent as its console. */
export function windowScreenUrl(hallUrl: string, window: number, fragment: string): string {
  return `${hallUrl}/window/${window}#${fragment}`;
}

/**
 * The hall screen, paired in advance: the demo's "hall-screen" device token rides in the fragment (never sent to a
 * server); the page keeps it as if it had paired with a code, and drops the fragment from the address bar.
 */
export function hallScreenUrl(hallUrl: string, token: string | undefined): string {
  return token === undefined ? `${hallUrl}/hall-screen` : `${hallUrl}/hall-screen#token=${encodeURIComponent(token)}`;
}

/** What a restarted counter agent prints: its new addresses (the old secret died with the old process). */
function counterRestarted(hallUrl: string, launch: CounterLaunchView): string {
  return (
    `counter ${launch.window}'s station agent started again (pid ${launch.pid ?? process.pid}); ` +
    `console: ${consoleUrl(hallUrl, launch.fragment)} window screen: ${windowScreenUrl(hallUrl, launch.window, launch.fragment)}\n`
  );
}

/** The one-liner that takes a ticket through the agent, as a page would (station-agent's take command). */
export function takeCommand(hallUrl: string, fragment: string): string {
  const bin = relative(process.cwd(), TAKE_BIN);
  const firstItem = (demoCatalog as { items: { code: string }[] }).items[0]?.code ?? "";
  return `node ${bin.startsWith("..") ? TAKE_BIN : bin} '${kioskPageUrl(hallUrl, fragment)}' ${firstItem}`;
}

/** The counters' banner lines: which agents run, then each window's console, then each window's screen. */
function counterLines(url: string, counters: readonly CounterLaunchView[], links: "pty" | "memory"): string[] {
  if (counters.length === 0) return [];
  const windows = counters.map((c) => c.window);
  const pids = counters.flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
  return [
    `  counters      windows ${windows.join(", ")}: ${
      pids.length === counters.length ? `station agents pids ${pids.join(", ")}` : "station agents in this process"
    }; caller keypads, evaluation keypads, LED strips on the panel${links === "memory" ? " (in-memory links)" : ""}`,
    ...counters.map((c) => `  console ${c.window}     ${consoleUrl(url, c.fragment)}`),
    ...counters.map((c) => `  window ${c.window}      ${windowScreenUrl(url, c.window, c.fragment)}`),
  ];
}

/** Every URL a browser or device on the LAN could use, for a wildcard listen address. */
function lanUrls(host: string, localUrl: string): string[] {
  if (host !== "0.0.0.0" && host !== "::") return [];
  const port = new URL(localUrl).port;
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && a.family === "IPv4" && !a.internal)
    .map((a) => `http://${a!.address}:${port}`);
}

/** The demo's banner: a framed block printed once the hall listens, so it is not lost among log lines. */
export function banner(input: {
  hallName: string;
  host: string;
  url: string;
  devicesPath: string;
  devices: DemoDevice[];
  /** The virtual hardware panel's loopback URL. */
  panelUrl: string;
  /** The origin of the tickets' status links: the address the hall listens on (its LAN address on the LAN). */
  statusOrigin: string;
  /** How the virtual devices are linked to their drivers. */
  links: "pty" | "memory";
  /** The kiosk's station agent as launched (its own process when pid is set). */
  agent: { pid?: number; fragment: string } | undefined;
  /** The counters' agents as launched, by window. */
  counters?: readonly CounterLaunchView[];
  /** The demo's paired hall screen's token, handed to the hall screen page in its URL fragment. */
  hallScreenToken?: string | undefined;
}): string {
  const rule = "=".repeat(78);
  const agent = input.agent;
  const lines = [
    rule,
    `OneWindow demo hall: ${input.hallName}`,
    `  answering on ${input.url}   (health: ${input.url}/health)`,
    ...lanUrls(input.host, input.url).map((u) => `  on the LAN    ${u}`),
    `  hardware      ${input.panelUrl}   (kiosk printer, ID-card reader, scanner, the tickets as they print; each window's LED strip and keypads)`,
    ...lanUrls(input.host, input.panelUrl.replace(/\/$/, "")).map((u) => `  panel on LAN  ${u}/`),
    input.links === "pty"
      ? `  devices       on socat pseudo-terminals in ${resolve(input.devicesPath, "..", "devices")}`
      : `  devices       socat is not installed: in-memory links carrying the same protocol bytes`,
    `  status page   ${input.statusOrigin}/t/<ticket token>   (each ticket's QR code links here)`,
    ...(input.statusOrigin === input.url ? [] : [`                on this machine: ${input.url}/t/<ticket token>`]),
    `  API reference ${input.url}/api/docs   (OpenAPI 3.1: ${input.url}/api/openapi.json)`,
    `  events        ${input.url.replace(/^http/, "ws")}/ws?token=<device or staff token>`,
    `  device tokens ${input.devicesPath}`,
    `                (${input.devices.map((d) => d.name).join(", ")}; counters sign staff in at their window)`,
    `  sign in       admin ${DEMO_CREDENTIALS.admin} password ${DEMO_CREDENTIALS.adminPassword}; staff GW005-GW020 PIN ${DEMO_CREDENTIALS.staffPin}`,
    ...(agent
      ? [
          `  kiosk page    ${kioskPageUrl(input.url, agent.fragment)}`,
          `  kiosk agent   ${agent.pid === undefined ? "in this process" : `pid ${agent.pid}`}; its page is the kiosk page above`,
          `  take one      ${takeCommand(input.url, agent.fragment)}`,
          ...(agent.pid === undefined
            ? []
            : [
                `  kill it       kill -9 ${agent.pid}   (even mid-print: it is started again, the ticket ends printed or voided)`,
              ]),
        ]
      : []),
    ...counterLines(input.url, input.counters ?? [], input.links),
    `  hall screen   ${hallScreenUrl(input.url, input.hallScreenToken)}`,
    `  stop          Ctrl+C (or SIGTERM); delete ${resolve(input.devicesPath, "..")} to start over`,
    rule,
  ];
  return lines.join("\n") + "\n";
}
