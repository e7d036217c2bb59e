/**
 * The demo's kiosk station, beside the demo hall: its virtual devices (printer, ID-card reader, barcode scanner),
 * the virtual hardware panel that operates them, and (once it exists) the kiosk's station agent. Started only by
 * `hall-server demo` (cli/demo.ts imports this file lazily), so a production `start` never loads or serves any of it.
 *
 *   socat on PATH? --yes--> devices on PTY pairs in <dir>/devices --+--> hardware panel (own port, HTTP + WS)
 *                  --no---> devices on in-memory links ------------+--> station agent (kiosk token, hall URL)
 */
import { mkdir } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { existsSync } from "node:fs";
import { startVirtualHall, type VirtualHall } from "@onewindow/drivers/virtual";
import {
  createPanelDevices,
  ensurePanelBundle,
  startPanelServer,
  type DeviceLinks,
  type PanelServer,
  type SampleCode,
} from "@onewindow/hardware-panel";

export interface DemoStationOptions {
  /** The demo hall's directory; devices get <dir>/devices (PTY links, printed tickets). */
  readonly dir: string;
  /** Where the panel listens: the hall's own host. */
  readonly host: string;
  /** The panel's port; 0 picks a free one. */
  readonly panelPort: number;
  /** Codes the panel offers to scan (demo appointments and a non-appointment string). */
  readonly codes: () => readonly SampleCode[];
  /** Force in-memory links even where socat exists (tests of the fallback). */
  readonly links?: DeviceLinks;
  readonly onError?: (error: unknown) => void;
}

export interface DemoStation {
  readonly links: DeviceLinks;
  readonly panel: PanelServer;
  readonly devices: VirtualHall;
  /** Whether the panel's bundle was built on this start (false: the bundle on disk was current). */
  readonly panelBuilt: boolean;
  /** Stop the panel, then the devices; idempotent. */
  stop(): Promise<void>;
}

/** Whether `command` is an executable on PATH. */
export function onPath(command: string, path = process.env.PATH ?? ""): boolean {
  return path.split(delimiter).some((dir) => dir !== "" && existsSync(join(dir, command)));
}

/** Start the kiosk station's devices and the panel; on failure, what started is stopped before the error is rethrown. */
export async function startDemoStation(options: DemoStationOptions): Promise<DemoStation> {
  const links: DeviceLinks = options.links ?? (onPath("socat") ? "pty" : "memory");
  if (links === "memory")
    throw new Error("the demo's devices need socat here (in-memory links arrive with the drivers' memory transport)");
  const bundle = await ensurePanelBundle();
  const deviceDir = join(options.dir, "devices");
  await mkdir(deviceDir, { recursive: true });
  const devices = await startVirtualHall({ dir: deviceDir, kiosks: 1, windows: 0 });
  let panel: PanelServer;
  try {
    panel = await startPanelServer({
      host: options.host,
      port: options.panelPort,
      bundleDir: bundle.outDir,
      devices: createPanelDevices(devices, { links }),
      codes: options.codes,
      onError: options.onError,
    });
  } catch (error) {
    await devices.stop();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    links,
    panel,
    devices,
    panelBuilt: bundle.built,
    stop: () =>
      (stopped ??= (async () => {
        await panel.stop();
        await devices.stop();
      })()),
  };
}
