/**
 * The demo's stations, beside the demo hall: the kiosk's virtual devices (printer, ID-card reader, scanner) and its
 * station agent, each counter window's virtual caller keypad, evaluation keypad and LED strip and its counter agent
 * (counterStations.ts), and the virtual hardware panel that operates every device. Started only by `hall-server demo`
 * (cli/demo.ts imports this file lazily), so a production `start` never loads or serves any of it.
 *
 *   socat on PATH: twins on PTY pairs in <dir>/devices (this process) <--serial-- one station agent per station,
 *                  each its own watched process (kill -9 one, even mid-print: it is started again)
 *   no socat:      the agents in this process, each running its twins itself over in-memory links (same bytes)
 *   either way:    twins --> hardware panel (own port, HTTP + WS) <-- a visitor's browser
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import type { Logger } from "pino";
import { printer, type FaultSwitchable } from "@onewindow/drivers";
import { TicketArchive, startVirtualHall, type PluggedDevice, type VirtualHall } from "@onewindow/drivers/virtual";
import {
  createPanelDevices,
  ensurePanelBundle,
  startPanelServer,
  type DeviceLinks,
  type PanelServer,
  type SampleCode,
} from "@onewindow/hardware-panel";
import { parseStationConfig, startAgent, type StationAgent } from "@onewindow/station-agent";
import type { BundleResult } from "@onewindow/web-build";
import { superviseAgent, type AgentProcess } from "./agentProcess.ts";
import { writeCounterStation, type CounterLinks, type DemoCounter } from "./counterStations.ts";

/** The agent as launched: its own process (pid) or this one (no pid), and its page fragment. */
export interface AgentLaunchView {
  readonly pid?: number;
  readonly fragment: string;
}

/** A counter's agent as launched, with its window. */
export interface CounterLaunchView extends AgentLaunchView {
  readonly window: number;
}

export interface DemoStationOptions {
  /** The demo hall's directory; the station gets <dir>/devices (PTY links, printed tickets) and <dir>/station. */
  readonly dir: string;
  /** Where the panel listens: the hall's own host. */
  readonly host: string;
  /** The panel's port; 0 picks a free one. */
  readonly panelPort: number;
  /** The hall the agent talks to (its loopback URL) and the kiosk's device token. */
  readonly hallUrl: string;
  readonly kioskToken: string;
  /** The hall's IANA time zone: the agents print and show times in it (their own default is Asia/Shanghai). */
  readonly timeZone: string;
  /** The paired counters whose stations to run (windows 1-3 in the demo), each with its device token. */
  readonly counters?: readonly DemoCounter[];
  /** Codes the panel offers to scan (demo appointments and a non-appointment string). */
  readonly codes: () => readonly SampleCode[];
  /** The panel's bundle, when its build was started earlier (cli/demo.ts starts it beside the hall's own start). */
  readonly bundle?: Promise<BundleResult>;
  /** "memory" even where socat exists (tests of the fallback); default: "pty" when socat is on PATH. */
  readonly links?: DeviceLinks;
  /** Every start of the agent (the first and each restart), with its page fragment. */
  readonly onAgentStart?: (launch: AgentLaunchView) => void;
  /** Every start of a counter's agent (the first and each restart), with its window and page fragment. */
  readonly onCounterStart?: (launch: CounterLaunchView) => void;
  /** The agent process's log lines and the supervisor's notes; `station` names whose ("kiosk-1", "counter-2"). */
  readonly onAgentLine?: (line: string, station: string) => void;
  /** The in-process agent's logger (no socat). */
  readonly log?: Logger;
  readonly onError?: (error: unknown) => void;
}

export interface DemoStation {
  readonly links: DeviceLinks;
  readonly panel: PanelServer;
  /** The kiosk agent's launch now running. */
  agent(): AgentLaunchView | undefined;
  /** The counters' agents' launches now running, by window. */
  counters(): CounterLaunchView[];
  /** Whether the panel's bundle was built on this start (false: the bundle on disk was current). */
  readonly panelBuilt: boolean;
  /** Stop the agent, the panel, then the devices; idempotent. */
  stop(): Promise<void>;
}

/**
 * Start building the panel's bundle if it is stale (web-build's ensureBundle), to overlap the build with the hall's
 * own start; hand the promise to `startDemoStation`. A failed build rejects there, not here.
 */
export function preparePanelBundle(): Promise<BundleResult> {
  const building = ensurePanelBundle();
  building.catch(() => undefined); // awaited (and reported) by startDemoStation
  return building;
}

/** Whether `command` is an executable on PATH. */
export function onPath(command: string, path = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((dir) => dir !== "" && existsSync(join(dir, command)));
}

type LinkJson = { kind: "serial"; path: string } | { kind: "virtual" };
type StationLinks = { printer: LinkJson; idCardReader: LinkJson; scanner?: LinkJson };

/** Write the kiosk's token (0600) and its agent's config into <dir>/station; returns the config's path. */
async function writeStation(
  options: DemoStationOptions,
  links: StationLinks,
): Promise<{ path: string; dir: string; config: unknown }> {
  const dir = join(options.dir, "station");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tokenFile = join(dir, "token");
  await writeFile(tokenFile, options.kioskToken + "\n", { mode: 0o600 });
  await chmod(tokenFile, 0o600);
  const config = {
    hallUrl: options.hallUrl,
    station: { kind: "kiosk", name: "kiosk-1" },
    timeZone: options.timeZone,
    listenPort: 0,
    tokenFile: "token",
    journalFile: "journal.db",
    logLevel: "warn",
    devices: {
      printer: { profile: "generic-80", link: links.printer },
      idCardReader: { link: links.idCardReader },
      ...(links.scanner ? { scanner: { link: links.scanner } } : {}),
    },
  };
  const path = join(dir, "station.json");
  await writeFile(path, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  return { path, dir, config };
}

/** What either way of running the station hands the panel. */
interface Station {
  readonly twins: Pick<VirtualHall, "devices" | "tickets">;
  agent(): AgentLaunchView | undefined;
  counters(): CounterLaunchView[];
}

/**
 * Start every supervised agent at once (each takes seconds to load); when one fails, the ones that started are
 * still handed to `stops` before the first failure is rethrown.
 */
async function superviseAll(
  starts: readonly Promise<AgentProcess>[],
  stops: (() => Promise<void>)[],
): Promise<AgentProcess[]> {
  const settled = await Promise.allSettled(starts);
  for (const s of settled) if (s.status === "fulfilled") stops.push(() => s.value.stop());
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<AgentProcess>).value);
}

/**
 * How long each agent's first launch may take to listen: four agents load at once beside the hall's own start (its
 * voice pre-renders its segments then), which on a small, busy machine takes well past the supervisor's default.
 */
const AGENT_START_TIMEOUT_MS = 90_000;

/** Twins on PTY pairs here, each agent its own (watched) process opening their host ends. */
async function ptyStation(options: DemoStationOptions, stops: (() => Promise<void>)[]): Promise<Station> {
  const counters = options.counters ?? [];
  const windows = Math.max(0, ...counters.map((c) => c.window));
  const twins = await startVirtualHall({ dir: join(options.dir, "devices"), kiosks: 1, windows });
  stops.push(() => twins.stop());
  const kiosk = twins.map.kiosks[0]!;
  const station = await writeStation(options, {
    printer: { kind: "serial", path: kiosk.printer },
    idCardReader: { kind: "serial", path: kiosk.idCardReader },
    scanner: { kind: "serial", path: kiosk.barcodeScanner },
  });
  const counterConfigs = await Promise.all(
    counters.map(async (counter) => {
      const devices = twins.map.windows[counter.window - 1]!;
      const links: CounterLinks = {
        callerKeypad: { kind: "serial", path: devices.callerKeypad.path },
        evaluationKeypad: { kind: "serial", path: devices.evaluationKeypad.path },
        ledStrip: { kind: "serial", path: devices.ledStrip.path },
      };
      return {
        counter,
        station: await writeCounterStation(options.dir, options.hallUrl, counter, links, options.timeZone),
      };
    }),
  );
  const [agent, ...counterAgents] = await superviseAll(
    [
      superviseAgent({
        configPath: station.path,
        startTimeoutMs: AGENT_START_TIMEOUT_MS,
        onStart: options.onAgentStart,
        onLine: (line) => options.onAgentLine?.(line, "kiosk-1"),
      }),
      ...counterConfigs.map(({ counter, station: counterStation }) =>
        superviseAgent({
          configPath: counterStation.path,
          startTimeoutMs: AGENT_START_TIMEOUT_MS,
          onStart: (launch) => options.onCounterStart?.({ ...launch, window: counter.window }),
          onLine: (line) => options.onAgentLine?.(line, `counter-${counter.window}`),
        }),
      ),
    ],
    stops,
  );
  return {
    twins,
    agent: () => agent!.current(),
    counters: () =>
      counterConfigs.flatMap(({ counter }, i) => {
        const launch = counterAgents[i]!.current();
        return launch ? [{ ...launch, window: counter.window }] : [];
      }),
  };
}

/** A twin and its cable, pulled through the twin's own "unplugged" fault knob (drivers' one vocabulary). */
function plugged<D extends FaultSwitchable>(device: D): PluggedDevice<D> {
  return {
    device,
    link: { unplug: () => device.setFault("unplugged", true), replug: () => device.setFault("unplugged", false) },
  };
}

/** No socat: the agents in this process run the twins over in-memory links; the panel drives those twins. */
async function memoryStation(options: DemoStationOptions, stops: (() => Promise<void>)[]): Promise<Station> {
  const station = await writeStation(options, {
    printer: { kind: "virtual" },
    idCardReader: { kind: "virtual" },
    scanner: { kind: "virtual" },
  });
  const virtual: CounterLinks = {
    callerKeypad: { kind: "virtual" },
    evaluationKeypad: { kind: "virtual" },
    ledStrip: { kind: "virtual" },
  };
  const counters = options.counters ?? [];
  const configs = [
    { config: station, log: options.log },
    ...(await Promise.all(
      counters.map(async (counter) => ({
        config: await writeCounterStation(options.dir, options.hallUrl, counter, virtual, options.timeZone),
        log: options.log?.child({ station: `counter-${counter.window}` }),
      })),
    )),
  ];
  const settled = await Promise.allSettled(
    configs.map(({ config, log }) =>
      startAgent(parseStationConfig(config.config, config.dir, config.path), {
        virtualOverMemory: true,
        ...(log ? { log } : {}),
      }),
    ),
  );
  for (const s of settled) if (s.status === "fulfilled") stops.push(() => s.value.stop());
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  const [agent, ...counterAgents] = settled.map((s) => (s as PromiseFulfilledResult<StationAgent>).value);
  const { printer: printerTwin, idCardReader, scanner } = agent!.devices.virtual;
  if (!printerTwin || !idCardReader || !scanner)
    throw new Error("the station agent started no virtual printer, ID-card reader or scanner");
  const tickets = new TicketArchive(join(options.dir, "devices", "tickets"), printer.getPrinterProfile("generic-80"));
  await tickets.open();
  stops.push(() => tickets.flush());
  tickets.attach(printerTwin.device, 1);
  const launch: AgentLaunchView = { fragment: agent!.fragment };
  options.onAgentStart?.(launch);
  const windows = counters.map((counter, i) => {
    const { callerKeypad, evaluationKeypad, ledStrip } = counterAgents[i]!.devices.virtual;
    if (!callerKeypad || !evaluationKeypad || !ledStrip)
      throw new Error(
        `counter ${counter.window}'s agent started no virtual caller keypad, evaluation keypad or LED strip`,
      );
    return {
      window: counter.window,
      callerKeypad: plugged(callerKeypad.device),
      evaluationKeypad: plugged(evaluationKeypad.device),
      ledStrip: plugged(ledStrip.device),
    };
  });
  const counterLaunches: CounterLaunchView[] = counters.map((counter, i) => ({
    window: counter.window,
    fragment: counterAgents[i]!.fragment,
  }));
  for (const counterLaunch of counterLaunches) options.onCounterStart?.(counterLaunch);
  return {
    twins: {
      tickets,
      devices: {
        kiosks: [
          {
            kiosk: 1,
            printer: plugged(printerTwin.device),
            idCardReader: plugged(idCardReader.device),
            barcodeScanner: plugged(scanner.device),
          },
        ],
        windows,
      },
    },
    agent: () => launch,
    counters: () => counterLaunches,
  };
}

/** Start the kiosk station; on failure, what started is stopped before the error is rethrown. */
export async function startDemoStation(options: DemoStationOptions): Promise<DemoStation> {
  const links: DeviceLinks = options.links ?? (onPath("socat") ? "pty" : "memory");
  const bundle = await (options.bundle ?? ensurePanelBundle());
  await mkdir(join(options.dir, "devices"), { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(options.onError ?? (() => undefined));
  };
  try {
    const station = await (links === "pty" ? ptyStation : memoryStation)(options, stops);
    const panel = await startPanelServer({
      host: options.host,
      port: options.panelPort,
      bundleDir: bundle.outDir,
      devices: createPanelDevices(station.twins, { links }),
      codes: options.codes,
      onError: options.onError,
    });
    // Stopped first: no visitor command reaches a device being stopped.
    stops.push(() => panel.stop());
    let stopped: Promise<void> | undefined;
    return {
      links,
      panel,
      agent: () => station.agent(),
      counters: () => station.counters(),
      panelBuilt: bundle.built,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
