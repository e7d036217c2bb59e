/**
 * A counter station for tests: the real hall-server as its own process (the demo hall: paired counters 1-3, staff
 * GW005-GW007 with PIN 123456, demo mode so items are open at any hour) on a fixed port so it can be killed and
 * restarted, and a counter agent in this process with a virtual caller keypad, LED strip and evaluation keypad on
 * socat PTY pairs (memory links without socat), and a console page connected to it.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { AgentMessage, CounterPageMessage, CounterState } from "@onewindow/contract";
import { freePort } from "../../hall-server/src/cli/testing.ts";
import { startAgent, type StationAgent, type StationConfigInput } from "../../station-agent/src/index.ts";
import { parseStationConfig } from "../../station-agent/src/config.ts";
import { connectAgent, type AgentClient } from "../../station-agent/src/page/agentClient.ts";
import { middayZone } from "../support/hallZone.ts";
import { prepareDemoHall, spawnHall, type DemoHall, type HallProcess } from "../support/hallProcess.ts";
import { until } from "./agentHarness.ts";

/** The demo hall as a process that can be killed and started again on the same port and data. */
export interface CounterHall {
  readonly demo: DemoHall;
  /** The hall's IANA zone (its agents run in it too). */
  readonly timeZone: string;
  readonly url: string;
  process: HallProcess;
  kill(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Start the demo hall in `timeZone` (IANA); by default a zone where it is about noon now, so no test crosses the
 * hall's midnight (when its waiting tickets expire; see tests/support/hallZone.ts).
 */
export async function startCounterHall(timeZone = middayZone()): Promise<CounterHall> {
  const port = await freePort();
  const demo = await prepareDemoHall({ port, timeZone });
  const first = await spawnHall(["start", "--config", demo.configPath]);
  const hall: CounterHall = {
    demo,
    timeZone,
    url: first.url,
    process: first,
    async kill() {
      hall.process.child.kill("SIGKILL");
      await hall.process.exited;
    },
    async restart() {
      hall.process = await spawnHall(["start", "--config", demo.configPath]);
    },
    async close() {
      hall.process.child.kill("SIGTERM");
      await hall.process.exited;
      rmSync(demo.dir, { recursive: true, force: true });
    },
  };
  return hall;
}

export interface CounterStation {
  readonly agent: StationAgent;
  readonly client: AgentClient;
  /** The state the agent last sent its pages. */
  state(): CounterState;
  /** Send one sealed request with a fresh requestId; resolves with the agent's answer to it. */
  request(message: DistributiveOmit<Exclude<CounterPageMessage, { type: "refresh" }>, "requestId">): Promise<Answer>;
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Answer = Extract<AgentMessage, { type: "actDone" | "actRefused" }>;

/** Start the counter agent of window `windowNumber` (demo token counter-<n>) with virtual devices. */
export async function startCounter(
  hall: CounterHall,
  windowNumber: number,
  patch: Partial<StationConfigInput> = {},
): Promise<CounterStation> {
  const dir = mkdtempSync(join(tmpdir(), "onewindow-counter-"));
  writeFileSync(join(dir, "token"), hall.demo.tokens[`counter-${windowNumber}`]! + "\n", { mode: 0o600 });
  const input: StationConfigInput = {
    hallUrl: hall.url,
    station: { kind: "counter", name: `counter-${windowNumber}`, windowNumber },
    timeZone: hall.timeZone,
    logLevel: "warn",
    devices: {
      callerKeypad: { link: { kind: "virtual" } },
      ledStrip: { link: { kind: "virtual" } },
      evaluationKeypad: { link: { kind: "virtual" } },
    },
    ...patch,
  };
  const agent = await startAgent(parseStationConfig(input, dir), {
    log: pino({ level: "silent" }),
    reconnectMs: { initial: 100, max: 500 },
  });
  const client = await connectAgent({ url: agent.url, secret: agent.secret, origin: new URL(hall.url).origin });
  await client.next("welcome");
  const counter = agent.counter!;
  return {
    agent,
    client,
    state: () => counter.state(),
    async request(message) {
      const requestId = randomUUID();
      await client.send({ ...message, requestId });
      // Answers to earlier requests (none in these tests) are skipped; the page buffers what it has not taken.
      for (;;) {
        const answer = await client.next(["actDone", "actRefused"], 30_000);
        if (answer.requestId === requestId) return answer;
      }
    },
    async close() {
      client.close();
      await agent.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Resolve once the counter's state satisfies `check` (generous: the machine is loaded). On a timeout the error
 * carries the state's gist, so a failure on CI says what the console saw instead.
 */
export async function untilState(station: CounterStation, what: string, check: (state: CounterState) => boolean) {
  try {
    await until(what, () => check(station.state()), 30_000);
  } catch (error) {
    const s = station.state();
    const gist = {
      connected: s.connected,
      staff: s.staff?.employeeNo ?? null,
      window: s.window.state,
      current: s.current?.number ?? null,
      callable: s.callable.map((t) => `${t.id}:${t.number}`),
    };
    throw new Error(`${(error as Error).message}; the state was ${JSON.stringify(gist)}`, { cause: error });
  }
}
