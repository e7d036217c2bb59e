/**
 * A kiosk station for tests: a real hall-server (in-process, port 0, temporary SQLite) and a station agent with a
 * virtual printer and ID-card reader (socat PTY pairs unless `overMemory`), either in this process or as its own
 * process (bin/station-agent.js, for kill tests), and a page client connected to it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pino } from "pino";
import { startTestHall, type TestHall } from "../../hall-server/src/testing/testHall.ts";
import { startAgent, type StationAgent, type StationConfigInput } from "../../station-agent/src/index.ts";
import { parseStationConfig } from "../../station-agent/src/config.ts";
import { connectAgent, type AgentClient } from "../../station-agent/src/page/agentClient.ts";

/** The demo catalogue's enquiry item (served at windows 1-3, open in the test hall's hours). */
export const ENQUIRY = "11441702007046212W200010100100";

/** A hall whose rate limits allow a test's burst of takes. */
export async function startLooseHall(): Promise<TestHall> {
  return startTestHall({
    config: { rateLimits: { issue: { capacity: 100_000, refillPerSecond: 100_000 } } },
  });
}

/** Write a station config for `hall` with a fresh kiosk token into `dir`; returns the config file's path. */
export function writeStation(hall: TestHall, dir: string, patch: Partial<StationConfigInput> = {}): string {
  writeFileSync(join(dir, "token"), hall.device("kiosk") + "\n", { mode: 0o600 });
  const config: StationConfigInput = {
    hallUrl: hall.url,
    station: { kind: "kiosk", name: "kiosk-test" },
    logLevel: "warn",
    devices: { printer: { profile: "generic-80", link: { kind: "virtual" } } },
    ...patch,
  };
  const path = join(dir, "station.json");
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

export interface InProcessKiosk {
  readonly agent: StationAgent;
  readonly client: AgentClient;
  readonly dir: string;
  close(): Promise<void>;
}

/** Start an agent in this process against `hall` and connect a page to it. */
export async function startKiosk(
  hall: TestHall,
  options: { patch?: Partial<StationConfigInput>; overMemory?: boolean; dir?: string } = {},
): Promise<InProcessKiosk> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "onewindow-kiosk-"));
  const path = writeStation(hall, dir, options.patch);
  const config = parseStationConfig(JSON.parse(readFileSync(path, "utf8")), dir);
  const agent = await startAgent(config, {
    log: pino({ level: "silent" }),
    printerPollMs: 0,
    recoverEveryMs: 200,
    virtualOverMemory: options.overMemory,
  });
  const client = await connectAgent({ url: agent.url, secret: agent.secret, origin: new URL(hall.url).origin });
  await client.next("welcome");
  return {
    agent,
    client,
    dir,
    async close() {
      client.close();
      await agent.stop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const bin = resolve(import.meta.dirname, "../../station-agent/bin/station-agent.js");

export interface AgentProcess {
  readonly child: ChildProcess;
  /** ws://127.0.0.1:P/ and the fragment the agent printed. */
  readonly url: string;
  readonly fragment: string;
  readonly exited: Promise<number | null>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
}

/** Run bin/station-agent.js --config `configPath` with `env`; resolves once it printed its page fragment. */
export function spawnAgent(configPath: string, env: Record<string, string> = {}): Promise<AgentProcess> {
  const child = spawn(process.execPath, [bin, "--config", configPath], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let out = "";
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  return new Promise((resolveStarted, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (ws:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      const fragment = /page fragment #(\S+)/.exec(out)?.[1];
      if (url && fragment) resolveStarted({ child, url, fragment, exited, output: () => out });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`station-agent exited with ${String(code)} before starting:\n${out}`)),
    );
  });
}

/** Resolve once `check()` is true (polled every 20 ms); reject after `timeoutMs` naming `what`. */
export async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
