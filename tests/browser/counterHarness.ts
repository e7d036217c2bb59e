/**
 * The counter pages suite's hall: the counter tests' hall-server process (tests/agent/counterHarness.ts: the demo
 * hall, staff GW005-GW020 with PIN 123456, counters paired for windows 1-3, on a fixed port so it can be killed and
 * started again) and a real counter station agent for window 2 in this process, its caller keypad, LED strip and
 * 5-key evaluation keypad virtual twins. The agent can be stopped and started again on the same port with the same secret, as the counter's
 * shell restarts it, so an open page finds it again by itself.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { parseStationConfig } from "../../station-agent/src/config.ts";
import { startAgent, type StationAgent, type StationConfigInput } from "../../station-agent/src/index.ts";
import { startCounterHall, type CounterHall } from "../agent/counterHarness.ts";

/** The window this suite's counter serves, and the demo staff member who signs in there. */
export const WINDOW = 2;
export const STAFF = { employeeNo: "GW006", pin: "123456" } as const;

export interface CounterPagesHall {
  readonly hall: CounterHall;
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

/** Start the hall and window 2's agent, both in `timeZone` (IANA; the browser tests' `middayZone()`). */
export async function startCounterPages(timeZone: string): Promise<CounterPagesHall> {
  const hall = await startCounterHall(timeZone);
  const dir = mkdtempSync(join(tmpdir(), "onewindow-counter-page-"));
  writeFileSync(join(dir, "token"), hall.demo.tokens[`counter-${WINDOW}`]! + "\n", { mode: 0o600 });
  const input: StationConfigInput = {
    hallUrl: hall.url,
    station: { kind: "counter", name: `counter-${WINDOW}`, windowNumber: WINDOW },
    logLevel: "warn",
    timeZone,
    devices: {
      callerKeypad: { link: { kind: "virtual" } },
      ledStrip: { link: { kind: "virtual" } },
      evaluationKeypad: { link: { kind: "virtual" }, keys: 5 },
    },
  };
  const launch = (listenPort: number, secret?: string) =>
    startAgent(parseStationConfig({ ...input, listenPort }, dir), {
      log: pino({ level: "silent" }),
      reconnectMs: { initial: 100, max: 500 },
      ...(secret ? { secret } : {}),
    });
  const first = await launch(0);
  const { port, secret, fragment } = first;

  const result: CounterPagesHall = {
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
      await hall.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return result;
}
