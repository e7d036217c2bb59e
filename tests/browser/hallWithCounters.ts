/**
 * The counter end-to-end suite's hall: a real `hall-server start` process (the demo catalogue, on a port fixed for the run so it
 * can be killed and started again where the pages expect it), the counters' virtual caller keypads, evaluation
 * keypads and LED strips on socat PTY pairs in this process, and real counter station agents as their own processes
 * opening the PTYs' host ends (the demo's supervisor, hall-server/src/demo/agentProcess.ts).
 *
 *   test --press/read--> twins (PTY device ends) <--serial-- counter agent (process) --HTTP/WS--> hall-server (process)
 *   browser: /counter and /window/<n> --sealed WS--> agent;  /hall-screen --WS--> hall-server
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import type { IssuedTicket, TicketStatus, TicketView } from "@onewindow/contract";
import { startVirtualHall, type VirtualHall } from "@onewindow/drivers/virtual";
import { superviseAgent, type AgentProcess } from "../../hall-server/src/demo/agentProcess.ts";
import { writeCounterStation } from "../../hall-server/src/demo/counterStations.ts";
import { call, spawnHall, type HallProcess } from "../support/hallProcess.ts";

const cli = resolve(import.meta.dirname, "../../hall-server/bin/hall-server.js");

/** 综合咨询与帮办代办服务 (prefix A): served by GW005, GW006 and GW007 in the demo catalogue. */
export const ENQUIRY = "11441702007046212W200010100100";
export const STAFF_PIN = "123456";

export interface HallWithCounters {
  readonly dir: string;
  readonly url: string;
  /** The hall-server now running (replaced by `restartHall`). */
  hall: HallProcess;
  /** Windows 1-3's virtual devices (PTY pairs). */
  readonly twins: VirtualHall;
  /** The demo's online hall (a gateway device): it issues tickets in one phase. */
  readonly gatewayToken: string;
  /** Paired counter device tokens by window. */
  readonly counterTokens: ReadonlyMap<number, string>;
  /** A fresh pairing code of a hall screen device, for the page's pairing step. */
  screenPairingCode(): Promise<string>;
  /** The console and window screen URLs of window `n`'s agent (fragment of its current launch). */
  consoleUrl(n: number): string;
  windowScreenUrl(n: number): string;
  /** Issue a ticket for `itemCode` as the online hall does. */
  issue(itemCode?: string): Promise<TicketView>;
  /** Read a ticket as the admin (number, arrival time, state, window). */
  ticket(id: number): Promise<TicketView>;
  /** Sign `employeeNo` in at window `n` through that window's counter token (for windows run without an agent). */
  signInAt(n: number, employeeNo: string): Promise<string>;
  /** SIGKILL the hall-server (no shutdown of any kind). */
  killHall(): Promise<void>;
  /** Start the hall-server again on the same port and database. */
  startHallAgain(): Promise<void>;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 now. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * Start the hall in `timeZone` (IANA; the browser tests' `middayZone()`), windows 1-3's twins, and counter agents for
 * `agentWindows` (each its own process, in the hall's zone too).
 */
export async function startHallWithCounters(
  agentWindows: readonly number[],
  timeZone: string,
): Promise<HallWithCounters> {
  const dir = mkdtempSync(join(tmpdir(), "onewindow-counter-"));
  const hallDir = join(dir, "hall");
  const init = spawnSync(process.execPath, [cli, "init", "--dir", hallDir, "--demo"], { encoding: "utf8" });
  if (init.status !== 0) throw new Error(`hall-server init failed:\n${init.stdout}\n${init.stderr}`);
  const configPath = join(hallDir, "config.json");
  const port = await freePort();
  const config = JSON.parse(readFileSync(configPath, "utf8")) as Record<string, unknown>;
  writeFileSync(
    configPath,
    JSON.stringify({ ...config, port, host: "127.0.0.1", logLevel: "warn", timeZone }, null, 2),
  );
  let hall = await spawnHall(["start", "--config", configPath]);
  const url = hall.url;

  const admin = await call<{ token: string }>(url, "POST", "/api/auth/login", undefined, {
    employeeNo: "GW001",
    password: "onewindow-admin",
  });
  if (admin.status !== 200) throw new Error(`admin sign-in refused: ${JSON.stringify(admin.body)}`);
  const adminToken = admin.body.token;
  const pair = async (name: string, kind: string, windowNumber?: number): Promise<string> => {
    const created = await call<{ pairingCode: string }>(url, "POST", "/api/devices", adminToken, {
      name,
      kind,
      ...(windowNumber === undefined ? {} : { windowNumber }),
    });
    if (created.status !== 201) throw new Error(`device ${name} not created: ${JSON.stringify(created.body)}`);
    const paired = await call<{ token: string }>(url, "POST", "/api/devices/pair", undefined, {
      code: created.body.pairingCode,
    });
    if (paired.status !== 200) throw new Error(`device ${name} not paired: ${JSON.stringify(paired.body)}`);
    return paired.body.token;
  };
  const gatewayToken = await pair("online-hall", "gateway");
  const counterTokens = new Map<number, string>();
  for (const n of [1, 2, 3]) counterTokens.set(n, await pair(`counter-${n}`, "counter", n));

  const twins = await startVirtualHall({ dir: join(dir, "devices"), kiosks: 0, windows: 3 });
  const agents = new Map<number, AgentProcess>();
  const output: string[] = [];
  try {
    const started = await Promise.allSettled(
      agentWindows.map(async (n) => {
        const devices = twins.map.windows[n - 1]!;
        const station = await writeCounterStation(
          dir,
          url,
          { window: n, token: counterTokens.get(n)! },
          {
            callerKeypad: { kind: "serial", path: devices.callerKeypad.path },
            evaluationKeypad: { kind: "serial", path: devices.evaluationKeypad.path },
            ledStrip: { kind: "serial", path: devices.ledStrip.path },
          },
          timeZone,
        );
        agents.set(
          n,
          await superviseAgent({
            configPath: station.path,
            startTimeoutMs: 90_000,
            onLine: (line) => output.push(line),
          }),
        );
      }),
    );
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
  } catch (error) {
    for (const agent of agents.values()) await agent.stop();
    await twins.stop();
    hall.child.kill("SIGTERM");
    await hall.exited;
    throw error;
  }

  const fragment = (n: number): string => {
    const launch = agents.get(n)?.current();
    if (!launch) throw new Error(`window ${n}'s agent is not running:\n${output.slice(-20).join("\n")}`);
    return launch.fragment;
  };
  const result: HallWithCounters = {
    dir,
    url,
    hall,
    twins,
    gatewayToken,
    counterTokens,
    async screenPairingCode() {
      const created = await call<{ pairingCode: string }>(url, "POST", "/api/devices", adminToken, {
        name: `hall-screen-${Date.now()}`,
        kind: "screen",
      });
      if (created.status !== 201) throw new Error(`screen not created: ${JSON.stringify(created.body)}`);
      return created.body.pairingCode;
    },
    consoleUrl: (n) => `${url}/counter#${fragment(n)}`,
    windowScreenUrl: (n) => `${url}/window/${n}#${fragment(n)}`,
    async issue(itemCode = ENQUIRY) {
      const issued = await call<IssuedTicket>(url, "POST", "/api/tickets", gatewayToken, { itemCode });
      if (issued.status !== 201) throw new Error(`ticket not issued: ${JSON.stringify(issued.body)}`);
      return issued.body.ticket;
    },
    async ticket(id) {
      const read = await call<TicketStatus>(url, "GET", `/api/tickets/${id}`, adminToken);
      if (read.status !== 200) throw new Error(`ticket ${id} not read: ${JSON.stringify(read.body)}`);
      return read.body.ticket;
    },
    async signInAt(n, employeeNo) {
      const login = await call<{ token: string }>(url, "POST", "/api/auth/login", counterTokens.get(n), {
        employeeNo,
        pin: STAFF_PIN,
        windowNumber: n,
      });
      if (login.status !== 200) throw new Error(`${employeeNo} not signed in: ${JSON.stringify(login.body)}`);
      return login.body.token;
    },
    async killHall() {
      result.hall.child.kill("SIGKILL");
      await result.hall.exited;
    },
    async startHallAgain() {
      hall = await spawnHall(["start", "--config", configPath]);
      result.hall = hall;
    },
    async stop() {
      for (const agent of agents.values()) await agent.stop();
      await twins.stop();
      result.hall.child.kill("SIGTERM");
      await result.hall.exited;
    },
  };
  return result;
}
