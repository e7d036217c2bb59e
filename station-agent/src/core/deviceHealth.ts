/**
 * Device health, both ways: each change goes to the pages ("devices", in plain words) and, coalesced, to the
 * hall-server (POST /api/devices/self/health) so the admin page sees a station's paper-out or unplugged keypad.
 */
import type { Logger } from "pino";
import type { AgentDevice, AgentMessage } from "@onewindow/contract";
import type { StationDevices } from "../devices/stationDevices.ts";
import type { HallClient } from "../hall/hallClient.ts";
import { healthWords } from "../words.ts";

export interface DeviceHealthReporter {
  /** Every configured device as the pages show it. */
  list(): AgentDevice[];
  /** Send the health to the hall-server soon (bursts coalesce into one report). */
  report(): void;
  stop(): void;
}

export function reportDeviceHealth(options: {
  readonly devices: StationDevices;
  readonly hall: HallClient;
  readonly paired: () => boolean;
  readonly broadcast: (message: AgentMessage) => void;
  readonly log: Logger;
}): DeviceHealthReporter {
  const { devices, hall, log } = options;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const list = (): AgentDevice[] =>
    devices
      .health()
      .map(({ name, health }) => ({ name, state: health.state, words: healthWords(name, health.state, health.code) }));
  const report = () => {
    clearTimeout(timer);
    // Coalesce bursts (open, first status) into one report.
    timer = setTimeout(() => {
      if (!options.paired() || stopped) return;
      const health = devices
        .health()
        .map(({ name, health }) => ({ name, state: health.state, reason: health.reason.slice(0, 200) }));
      hall.reportHealth(health).catch((error: unknown) => log.debug({ err: error }, "health report not delivered"));
    }, 50);
  };
  devices.on("health", () => {
    report();
    options.broadcast({ type: "devices", devices: list() });
  });
  return {
    list,
    report,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
