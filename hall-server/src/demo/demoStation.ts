/**
 * The demo's kiosk station, beside the demo hall: its virtual devices (printer, ID-card reader), the kiosk's station
 * agent, and the virtual hardware panel that operates the devices. Started only by `hall-server demo` (cli/demo.ts
 * imports this file lazily), so a production `start` never loads or serves any of it.
 *
 *   socat on PATH: devices on PTY pairs in <dir>/devices <--serial-- station agent, its own watched process
 *                  (kill -9 it mid-print: it is started again and finishes the take)
 *   no socat:      (in-memory links: the agent runs the twins itself, in this process)
 *   either way:    the devices --> hardware panel (own port, HTTP + WS) <-- a visitor's browser
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { startVirtualHall, type VirtualHall } from "@onewindow/drivers/virtual";
import {
  createPanelDevices,
  ensurePanelBundle,
  startPanelServer,
  type DeviceLinks,
  type PanelServer,
  type SampleCode,
} from "@onewindow/hardware-panel";
import { superviseAgent, type AgentLaunch, type AgentProcess } from "./agentProcess.ts";

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
  /** Codes the panel offers to scan (demo appointments and a non-appointment string). */
  readonly codes: () => readonly SampleCode[];
  /** Every start of the agent (the first and each restart), with its page fragment. */
  readonly onAgentStart?: (launch: AgentLaunch) => void;
  /** The agent's log lines and the supervisor's notes. */
  readonly onAgentLine?: (line: string) => void;
  readonly onError?: (error: unknown) => void;
}

export interface DemoStation {
  readonly links: DeviceLinks;
  readonly panel: PanelServer;
  /** The agent's launch now running. */
  agent(): AgentLaunch | undefined;
  /** Whether the panel's bundle was built on this start (false: the bundle on disk was current). */
  readonly panelBuilt: boolean;
  /** Stop the agent, the panel, then the devices; idempotent. */
  stop(): Promise<void>;
}

/** Whether `command` is an executable on PATH. */
export function onPath(command: string, path = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((dir) => dir !== "" && existsSync(join(dir, command)));
}

/** Write the agent's config and token (0600) for devices at `paths`; returns the config's path. */
async function writeStation(
  dir: string,
  hallUrl: string,
  token: string,
  paths: { printer: string; idCardReader: string },
): Promise<string> {
  const stationDir = join(dir, "station");
  await mkdir(stationDir, { recursive: true, mode: 0o700 });
  const tokenFile = join(stationDir, "token");
  await writeFile(tokenFile, token + "\n", { mode: 0o600 });
  await chmod(tokenFile, 0o600);
  const config = {
    hallUrl,
    station: { kind: "kiosk", name: "kiosk-1" },
    listenPort: 0,
    tokenFile: "token",
    journalFile: "journal.db",
    logLevel: "warn",
    devices: {
      printer: { profile: "generic-80", link: { kind: "serial", path: paths.printer } },
      idCardReader: { link: { kind: "serial", path: paths.idCardReader } },
    },
  };
  const path = join(stationDir, "station.json");
  await writeFile(path, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  return path;
}

/** Start the kiosk station; on failure, what started is stopped before the error is rethrown. */
export async function startDemoStation(options: DemoStationOptions): Promise<DemoStation> {
  const links: DeviceLinks = onPath("socat") ? "pty" : "memory";
  if (links === "memory")
    throw new Error("the demo's devices need socat here (in-memory links arrive with the station agent)");
  const bundle = await ensurePanelBundle();
  const deviceDir = join(options.dir, "devices");
  await mkdir(deviceDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const step of stops.splice(0).reverse()) await step().catch(options.onError ?? (() => undefined));
  };
  try {
    const devices: VirtualHall = await startVirtualHall({ dir: deviceDir, kiosks: 1, windows: 0 });
    stops.push(() => devices.stop());
    const panel = await startPanelServer({
      host: options.host,
      port: options.panelPort,
      bundleDir: bundle.outDir,
      devices: createPanelDevices(devices, { links }),
      codes: options.codes,
      onError: options.onError,
    });
    stops.push(() => panel.stop());
    const kiosk = devices.map.kiosks[0]!;
    const configPath = await writeStation(options.dir, options.hallUrl, options.kioskToken, {
      printer: kiosk.printer,
      idCardReader: kiosk.idCardReader,
    });
    const agent: AgentProcess = await superviseAgent({
      configPath,
      onStart: options.onAgentStart,
      onLine: options.onAgentLine,
    });
    stops.push(() => agent.stop());
    let stopped: Promise<void> | undefined;
    return {
      links,
      panel,
      agent: () => agent.current(),
      panelBuilt: bundle.built,
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
