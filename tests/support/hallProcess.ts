/**
 * Runs the real hall-server CLI as a child process (as a hall would), for durability tests and benchmarks:
 * `demo` initialises a demo hall with paired demo devices, then `start` serves it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const cli = resolve(import.meta.dirname, "../../hall-server/bin/hall-server.js");

export interface HallProcess {
  child: ChildProcess;
  url: string;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** Start `hall-server <args>` and wait until it prints the URL it answers on. */
export function spawnHall(args: string[]): Promise<HallProcess> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return new Promise((resolveUrl, reject) => {
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      // `start` prints "answering on <url>"; `demo` prints its banner with "API  <url>".
      const m = /(?:answering on|API) +(http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) resolveUrl({ child, url: m[1]!, exited });
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) =>
      reject(new Error(`hall-server exited with ${String(code)} before answering:\n${out}\n${err}`)),
    );
  });
}

export interface DemoHall {
  dir: string;
  configPath: string;
  tokens: Record<string, string>;
}

/** Initialise a demo hall in a temp dir (paired demo devices), stop it, and tune its config for load. */
export async function prepareDemoHall(configPatch: Record<string, unknown> = {}): Promise<DemoHall> {
  const dir = mkdtempSync(join(tmpdir(), "onewindow-proc-"));
  const first = await spawnHall(["demo", "--dir", dir, "--port", "0"]);
  first.child.kill("SIGTERM");
  await first.exited;
  const configPath = join(dir, "config.json");
  const config = JSON.parse(readFileSync(configPath, "utf8")) as Record<string, unknown>;
  writeFileSync(configPath, JSON.stringify({ ...config, port: 0, logLevel: "warn", ...configPatch }, null, 2));
  const devices = JSON.parse(readFileSync(join(dir, "devices.json"), "utf8")) as { name: string; token: string }[];
  return { dir, configPath, tokens: Object.fromEntries(devices.map((d) => [d.name, d.token])) };
}

/** JSON request helper. */
export async function call<T>(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/**
 * Sign the demo's staff GW005, GW006 and GW007 in at windows 1, 2 and 3 through those windows' paired counters
 * (PIN 123456) and return their session tokens in that order. Throws naming the staff member when one is refused.
 */
export async function signInDemoStaff(hall: DemoHall, url: string): Promise<string[]> {
  const staff: string[] = [];
  for (const [employeeNo, window] of [
    ["GW005", 1],
    ["GW006", 2],
    ["GW007", 3],
  ] as const) {
    const login = await call<{ token: string }>(url, "POST", "/api/auth/login", hall.tokens[`counter-${window}`], {
      employeeNo,
      pin: "123456",
      windowNumber: window,
    });
    if (login.status !== 200) throw new Error(`${employeeNo} could not sign in: ${JSON.stringify(login.body)}`);
    staff.push(login.body.token);
  }
  return staff;
}
