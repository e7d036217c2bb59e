/**
 * The counter pages suite's hall: a real `hall-server start` process on port 0 (the demo hall: staff GW005-GW020,
 * PIN 123456, counters paired for windows 1-3) and a real counter station agent for window 2 in this process, its
 * caller keypad and LED strip virtual twins. The agent can be stopped and started again on the same port with the
 * same secret, as the counter's shell restarts it, so an open page finds it again by itself.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { parseStationConfig } from "../../station-agent/src/config.ts";
import { startAgent, type StationAgent } from "../../station-agent/src/index.ts";
import { prepareDemoHall, spawnHall, type DemoHall, type HallProcess } from "../support/hallProcess.ts";

/** The window this suite's counter serves, and the demo staff member who signs in there. */
export const WINDOW = 2;
export const STAFF = { employeeNo: "GW006", pin: "123456" } as const;

export interface CounterHall {
  readonly demo: DemoHall;
  readonly hall: HallProcess;
  /** The running agent (undefined while stopped). */
  agent: StationAgent | undefined;
  /** The console's URL with the agent's fragment. */
  consoleUrl(): string;
  /** The window screen's URL (/window/<n>) with the agent's fragment. */
  windowUrl(n?: number): string;
  stopAgent(): Promise<void>;
  /** Start the agent again on its first port with its first secret. */
  startAgent(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCounterHall(): Promise<CounterHall> {
  const demo = await prepareDemoHall();
  const hall = await spawnHall(["start", "--config", demo.configPath]);
  const dir = mkdtempSync(join(tmpdir(), "onewindow-counter-page-"));
  writeFileSync(join(dir, "token"), demo.tokens[`counter-${WINDOW}`]! + "\n", { mode: 0o600 });
  const raw = {
    hallUrl: hall.url,
    station: { kind: "counter", name: `counter-${WINDOW}`, windowNumber: WINDOW },
    logLevel: "warn",
    devices: {
      callerKeypad: { link: { kind: "virtual" } },
      ledStrip: { link: { kind: "virtual" } },
    },
  };
  const launch = async (listenPort: number, secret?: string) =>
    startAgent(parseStationConfig({ ...raw, listenPort }, dir), {
      log: pino({ level: "silent" }),
      virtualOverMemory: true,
      ...(secret ? { secret } : {}),
    });
  const first = await launch(0);
  const { port, secret, fragment } = first;

  const result: CounterHall = {
    demo,
    hall,
    agent: first,
    consoleUrl: () => `${hall.url}/counter#${fragment}`,
    windowUrl: (n = WINDOW) => `${hall.url}/window/${n}#${fragment}`,
    async stopAgent() {
      await result.agent?.stop();
      result.agent = undefined;
    },
    async startAgent() {
      result.agent ??= await launch(port, secret);
    },
    async stop() {
      await result.stopAgent();
      hall.child.kill("SIGTERM");
      await hall.exited;
    },
  };
  return result;
}
