/**
 * Helpers for CLI tests: run `hall-server` as a real process (the shipped bin), in real temporary directories,
 * and serve halls on free ports. Every spawned server is stopped by `stopAll()` (call it in afterEach).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The shipped entry point (bin/hall-server.js). */
export const BIN = resolve(import.meta.dirname, "../../bin/hall-server.js");

/** Environment for spawned CLIs: no ONEWINDOW_* from the caller's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ONEWINDOW_")));
  return { ...env, ...extra };
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `hall-server ...args` to completion; `input` goes to standard input (not a terminal). */
export function cli(
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    input: options.input ?? "",
    env: cleanEnv(options.env),
    cwd: options.cwd,
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "onewindow-cli-"));
}

/** A TCP port that was free a moment ago (bound to port 0 and released). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Whether 127.0.0.1:`port` can be listened on now (closed again at once). */
function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createServer();
    s.once("error", () => done(false));
    s.listen(port, "127.0.0.1", () => s.close(() => done(true)));
  });
}

/**
 * A free port whose next port is free too, for `demo`, whose hardware panel listens on the hall's port + 1 (another
 * test's ephemeral port sat there once and the demo rightly refused to start). Throws after 50 tries.
 */
export async function freePortPair(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = await freePort();
    if (port < 65535 && (await canListen(port + 1))) return port;
  }
  throw new Error("no two consecutive free ports on 127.0.0.1 after 50 tries");
}

/** A running `hall-server start|demo` process and its output so far. */
export interface Served {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves the exit code once the process ended. */
  exited: Promise<number | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/**
 * Spawn a serving command and resolve once its stdout matches `ready` (default: the start line's URL). Rejects
 * with its stderr if it exits first.
 */
export function serve(args: string[], options: { env?: Record<string, string>; ready?: RegExp } = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(options.env) });
  running.add(child);
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((done) =>
    child.once("exit", (code) => {
      running.delete(child);
      done(code);
    }),
  );
  const ready = options.ready ?? /answering on http|={10,}\n/;
  return new Promise((done, fail) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) done({ child, stdout: () => out, stderr: () => err, exited });
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    void exited.then((code) => fail(new Error(`exited ${code} before it was ready: ${err}${out}`)));
  });
}

/** SIGTERM every server a test started, and wait for each to end. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map((child) => {
      const ended = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      return ended;
    }),
  );
}

/** A small valid catalogue with one item, two windows and one staff member (PIN 123456); written to `dir`. */
export function writeSmallCatalog(dir: string, extra: { staff?: unknown[] } = {}): string {
  const path = join(dir, "catalog.json");
  writeFileSync(
    path,
    JSON.stringify({
      version: "t1",
      departments: [{ code: "D1", name: "综合", nameEn: "General" }],
      items: [
        {
          code: "ITEM-1",
          name: "咨询",
          departmentCode: "D1",
          prefix: "A",
          kind: "immediate",
          hours: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }],
          typicalMinutes: 5,
        },
      ],
      windows: [
        { number: 1, name: "1号窗口" },
        { number: 2, name: "2号窗口" },
      ],
      staff: extra.staff ?? [
        { employeeNo: "S1", name: "王五", role: "staff", pin: "123456", skills: [{ itemCode: "ITEM-1", weight: 5 }] },
      ],
    }),
  );
  return path;
}
