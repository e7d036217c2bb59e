/**
 * startAgent: the composition root of one station agent. The core is the same for every station; the role is the
 * kiosk's or the counter's (`station.kind`):
 *
 *   core:  token file + pairing --> HallClient (REST) and HallLink (/ws: snapshot, events, commands)
 *          StationDevices --health--> pages ("devices") and POST /api/devices/self/health
 *          page server (loopback, sealed frames) --hello/status--> core, everything else --> the role
 *   role:  kiosk/kioskRole.ts (take flow, cards, reprints)  |  counter/counterRole.ts (staff session, counter state,
 *          caller keypad, LED strip)
 *
 * Runs in-process (`startAgent(config)`, the demo without socat) or as its own process (bin/station-agent.js).
 */
import { randomBytes } from "node:crypto";
import { pino, type Logger } from "pino";
import {
  SHELL_FALLBACK_ORIGIN,
  formatAgentFragment,
  type AgentMessage,
  type ParsedPageMessage,
} from "@onewindow/contract";
import { pageOrigins, type StationConfig } from "./config.ts";
import { createCounterRole, type CounterRole } from "./counter/counterRole.ts";
import { reportDeviceHealth } from "./core/deviceHealth.ts";
import type { StationRole } from "./core/stationRole.ts";
import { readToken, removeToken, writeToken } from "./core/tokenFile.ts";
import { StationDevices } from "./devices/stationDevices.ts";
import { HallClient, HallError } from "./hall/hallClient.ts";
import { HallLink } from "./hall/hallLink.ts";
import { createKioskRole, type KioskRole } from "./kiosk/kioskRole.ts";
import { startPageServer, type PageConnection, type PageServer } from "./page/pageServer.ts";

export interface AgentOverrides {
  readonly log?: Logger;
  /** The per-launch secret (default: 32 random bytes). Tests only. */
  readonly secret?: string;
  /** Printer idle status poll, ms (default 5000). */
  readonly printerPollMs?: number;
  /** Open-journal retry period while the hall-server is unreachable, ms (default 3000). */
  readonly recoverEveryMs?: number;
  /** Called with each take phase just journaled (kill tests). */
  readonly onTakePhase?: (phase: string) => void;
  readonly now?: () => number;
  /** Run virtual twins over in-memory links even where socat exists (fast tests). */
  readonly virtualOverMemory?: boolean;
  /** First reconnect delay and its cap for the hall-server's /ws, ms (default 250, 5000). */
  readonly reconnectMs?: { readonly initial: number; readonly max: number };
}

/** A running station agent. */
export interface StationAgent {
  readonly config: StationConfig;
  /** ws://127.0.0.1:P/ : the page API's address (the socket is at /agent). */
  readonly url: string;
  readonly port: number;
  readonly secret: string;
  /** "agent=...&secret=..." for the page's URL fragment. */
  readonly fragment: string;
  readonly devices: StationDevices;
  readonly paired: boolean;
  /** The kiosk role (take journal, recovery); undefined at a counter. */
  readonly kiosk: KioskRole | undefined;
  /** The counter role (state, staff session, keypad, LED strip); undefined at a kiosk. */
  readonly counter: CounterRole | undefined;
  stop(): Promise<void>;
}

/** Start the agent described by `config`. Rejects when the page port cannot be bound or the journal opened. */
export async function startAgent(config: StationConfig, overrides: AgentOverrides = {}): Promise<StationAgent> {
  const log = overrides.log ?? pino({ level: config.logLevel, base: { station: config.station.name } });
  const now = overrides.now ?? Date.now;
  const secret = overrides.secret ?? randomBytes(32).toString("base64url");
  let token = readToken(config.tokenFile);
  const paired = () => token !== undefined;
  const hall = new HallClient({ baseUrl: config.hallUrl, token: () => token });
  const link = new HallLink({
    baseUrl: config.hallUrl,
    token: () => token,
    log: log.child({ module: "hall-link" }),
    reconnectMs: overrides.reconnectMs,
  });
  const devices = new StationDevices(config, {
    log,
    printerPollMs: overrides.printerPollMs,
    virtualOverMemory: overrides.virtualOverMemory,
  });
  let page: PageServer | undefined;
  const broadcast = (message: AgentMessage) => page?.broadcast(message);
  const health = reportDeviceHealth({ devices, hall, paired, broadcast, log });

  const common = { config, hall, link, devices, log, now, paired, broadcast };
  let kiosk: KioskRole | undefined;
  let counter: CounterRole | undefined;
  let role: StationRole;
  if (config.station.kind === "counter") {
    counter = createCounterRole({ ...common, station: config.station, reconnectMs: overrides.reconnectMs });
    role = counter;
  } else {
    kiosk = createKioskRole({
      ...common,
      recoverEveryMs: overrides.recoverEveryMs,
      onTakePhase: overrides.onTakePhase,
    });
    role = kiosk;
  }

  link.on("credentialsEnded", () => {
    // The hall revoked this station: forget the token so the pairing page shows again (a new code re-pairs it).
    token = undefined;
    removeToken(config.tokenFile);
    log.warn(`station unpaired by the hall: open http://127.0.0.1:${page?.port ?? "?"}/ to pair it again`);
    role.unpaired();
    broadcast({ type: "devices", devices: health.list() });
  });
  link.on("connected", () => {
    health.report();
    role.hallConnected();
  });
  link.on("disconnected", () => role.hallDisconnected());

  const onMessage = async (message: ParsedPageMessage, from: PageConnection): Promise<void> => {
    switch (message.type) {
      case "hello":
        from.send({ type: "welcome", station: config.station.name, devices: health.list() });
        return role.greet(from, message.page);
      case "status":
        return from.send({ type: "devices", devices: health.list() });
      default:
        return role.handle(message, from);
    }
  };

  const pair = async (code: string): Promise<string> => {
    try {
      const answer = await hall.pair(code);
      writeToken(config.tokenFile, answer.token);
      token = answer.token;
      log.info({ device: answer.device.name }, "station paired");
      link.start();
      health.report();
      role.paired();
      return answer.device.name;
    } catch (error) {
      if (error instanceof HallError) throw new Error(error.unreached ? "hall-server not reached" : error.message);
      throw error;
    }
  };

  try {
    page = await startPageServer({
      port: config.listenPort,
      secret,
      allowedOrigins: pageOrigins(config, SHELL_FALLBACK_ORIGIN),
      log: log.child({ module: "page" }),
      onMessage,
      paired,
      pair,
    });
    await devices.open();
    await role.start();
  } catch (error) {
    health.stop();
    await role.stop().catch(() => undefined);
    await page?.close();
    await devices.close();
    throw error;
  }
  if (token) link.start();
  else log.warn(`station not paired: open http://127.0.0.1:${page.port}/ on this station to enter the pairing code`);

  const url = `ws://127.0.0.1:${page.port}/`;
  const server = page;
  let stopped = false;
  return {
    config,
    url,
    port: page.port,
    secret,
    fragment: formatAgentFragment({ url, secret }),
    devices,
    kiosk,
    counter,
    get paired() {
      return token !== undefined;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      health.stop();
      link.stop();
      await server.close();
      await role.stop();
      await devices.close();
    },
  };
}
