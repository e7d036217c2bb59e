// `start` and `demo` as spawned processes: where each setting comes from, refusals naming their source, the lock
// while running, and a clean stop on SIGTERM.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cli, freePort, serve, stopAll, tempDir } from "./testing.ts";

// Each step spawns a process (about a second on a busy machine); the default 30 s is too tight for a whole flow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 120_000 });

afterEach(stopAll);

let dir: string;
let config: string;
let blocker: Server;
let busyPort: number;

beforeAll(async () => {
  dir = tempDir();
  expect(cli(["init", "--dir", join(dir, "hall"), "--demo"]).status).toBe(0);
  config = join(dir, "hall", "config.json");
  busyPort = await freePort();
  blocker = createServer();
  await new Promise<void>((done) => blocker.listen(busyPort, "127.0.0.1", done));
});
afterAll(() => new Promise<void>((done) => blocker.close(() => done())));

describe("hall-server start", () => {
  it("when the port is in use, then one line names it and where it came from: flag, environment or config.json", () => {
    const byFlag = cli(["start", "--config", config, "--port", String(busyPort)]);
    expect(byFlag.status).toBe(2);
    expect(byFlag.stderr).toBe(`hall-server: port ${busyPort} (flag --port) is already in use on 127.0.0.1\n`);

    const byEnv = cli(["start", "--config", config], { env: { ONEWINDOW_PORT: String(busyPort) } });
    expect(byEnv.stderr).toBe(
      `hall-server: port ${busyPort} (environment ONEWINDOW_PORT) is already in use on 127.0.0.1\n`,
    );

    const fileConfig = join(dir, "hall", "busy.json");
    writeFileSync(fileConfig, JSON.stringify({ ...JSON.parse(readFileSync(config, "utf8")), port: busyPort }));
    const byFile = cli(["start", "--config", fileConfig]);
    expect(byFile.status).toBe(2);
    expect(byFile.stderr).toBe(
      `hall-server: port ${busyPort} (config.json ${fileConfig}) is already in use on 127.0.0.1\n`,
    );
  });

  it.each([
    [{ ONEWINDOW_PORT: "" }, "ONEWINDOW_PORT is set but empty (environment)"],
    [{ ONEWINDOW_PORT: "80x" }, 'ONEWINDOW_PORT must be an integer 0-65535, got "80x" (environment)'],
    [{ ONEWINDOW_LOG_LEVEL: "loud" }, "logLevel (environment ONEWINDOW_LOG_LEVEL)"],
  ])("when the environment is bad (%j), then exit 2 with one line naming the variable", (env, message) => {
    const r = cli(["start", "--config", config], { env });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("when the data directory cannot be written, then start names it and where dataDir came from", () => {
    if (process.getuid?.() !== 0) return; // needs a directory even root cannot write: /sys
    const r = cli(["start", "--config", config], { env: { ONEWINDOW_DATA_DIR: "/sys/onewindow-data" } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^hall-server: cannot .*\/sys\/onewindow-data.*environment ONEWINDOW_DATA_DIR\)?\n$/);
  });

  it("when the hall runs, then a second start is refused naming its pid, and SIGTERM stops it cleanly: exit 0, no lock, WAL checkpointed", async () => {
    const server = await serve(["start", "--config", config, "--port", "0"]);
    const second = cli(["start", "--config", config, "--port", "0"]);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain(`hall-server: the hall is running (pid ${server.child.pid}, http://127.0.0.1:`);
    const status = JSON.parse(cli(["status", "--json", "--config", config]).stdout) as { running: { pid: number } };
    expect(status.running.pid).toBe(server.child.pid);

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain("stopped cleanly");
    expect(existsSync(join(dir, "hall", "data", "hall-server.lock"))).toBe(false);
    expect(existsSync(join(dir, "hall", "data", "hall.db-wal"))).toBe(false);
  });
});

describe("hall-server demo", () => {
  it("when the demo runs twice with different --port flags, then each run listens on its own flag's port and prints one banner with URLs, token file and credentials", async () => {
    const demoDir = join(tempDir(), "demo");
    for (const port of [await freePort(), await freePort()]) {
      const demo = await serve(["demo", "--dir", demoDir, "--port", String(port), "--panel-port", "0"], {
        ready: /={78}\n[^]*={78}\n/,
      });
      const banner = /={78}\n[^]*={78}\n/.exec(demo.stdout())![0];
      expect(banner).toContain(`answering on http://127.0.0.1:${port} `);
      expect(banner).toContain(`API reference http://127.0.0.1:${port}/api/docs`);
      expect(banner).toContain(join(demoDir, "devices.json"));
      expect(banner).toContain("admin GW001 password onewindow-admin");
      expect(banner).toContain("PIN 123456");
      expect(banner).not.toContain('"level"');
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      demo.child.kill("SIGTERM");
      expect(await demo.exited).toBe(0);
    }
  });
});
