import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SerialTransport } from "../core/serialTransport.ts";
import { LedStrip } from "../led/driver.ts";
import { CallerKeypad } from "../caller/driver.ts";
import type { VirtualHallMap } from "./startVirtualHall.ts";

const script = join(import.meta.dirname, "virtualHall.ts");

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("virtual-hall CLI", () => {
  let dir: string | undefined;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = exitCode(child);
      child.kill("SIGTERM");
      await exited;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("when a flag is bad or unknown, then it prints a clear error and exits with code 2", async () => {
    for (const args of [["--windows", "zero"], ["--windows", "0"], ["--bogus"]]) {
      const bad = run(args);
      let stderr = "";
      bad.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      expect(await exitCode(bad)).toBe(2);
      expect(stderr).toContain("usage: virtual-hall");
    }
  });

  it("when started with 2 windows, then it prints host paths that answer like devices, and SIGTERM stops it with 0", async () => {
    dir = await mkdtemp(join(tmpdir(), "onewindow-hall-test-"));
    child = run(["--dir", dir, "--windows", "2", "--kiosks", "1"]);
    let stdout = "";
    const map = await new Promise<VirtualHallMap>((resolve, reject) => {
      child?.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        try {
          resolve(JSON.parse(stdout) as VirtualHallMap);
        } catch {
          // JSON not complete yet
        }
      });
      child?.once("exit", (code) => reject(new Error(`virtual-hall exited early with ${String(code)}`)));
    });
    expect(map.windows.map((w) => w.window)).toEqual([1, 2]);
    expect(map.kiosks).toHaveLength(1);
    expect(map.kiosks[0]?.printer.startsWith(dir)).toBe(true);

    const window2 = map.windows[1];
    if (!window2) throw new Error("window 2 missing");
    const led = new LedStrip({ transport: new SerialTransport({ path: window2.ledStrip.path }), ackTimeoutMs: 1000 });
    await led.open();
    await led.show("请A001到2号窗口");
    await led.close();
    const caller = new CallerKeypad({
      variant: "serial",
      mode: "push",
      transport: new SerialTransport({ path: window2.callerKeypad.path }),
      ackTimeoutMs: 1000,
    });
    await caller.open();
    await caller.showText("A001");
    await caller.close();

    const exited = exitCode(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
