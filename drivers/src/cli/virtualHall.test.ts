import { afterEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SerialTransport } from "../core/serialTransport.ts";
import { LedStrip } from "../led/driver.ts";
import { CallerKeypad } from "../caller/driver.ts";
import { PNG } from "pngjs";
import { nextEvent } from "../core/nextEvent.ts";
import { encodeCommands } from "../printer/codec.ts";
import { PrinterDriver } from "../printer/driver.ts";
import type { RefusedQr } from "../printer/record.ts";
import { getPrinterProfile } from "../printer/profiles.ts";
import type { DeviceHealth } from "../core/health.ts";
import { IdCardReader } from "../idcard/driver.ts";
import type { CardRead } from "../idcard/payload.ts";
import { sampleCards } from "../idcard/sampleCards.ts";
import { BarcodeScanner, type Scan } from "../scanner/driver.ts";
import { startVirtualHall, type SavedTicket, type VirtualHall, type VirtualHallMap } from "./startVirtualHall.ts";

const script = join(import.meta.dirname, "virtualHall.ts");

function run(args: string[], stdin: "ignore" | "pipe" = "ignore"): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: [stdin, "pipe", "pipe"] });
}

/** Resolve once `find` finds something in the child's stdout so far; reject if the child exits first. */
function watchStdout(child: ChildProcess): <T>(find: (stdout: string) => T | undefined) => Promise<T> {
  let stdout = "";
  const checks = new Set<() => void>();
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const check of checks) check();
  });
  return (find) =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = find(stdout);
        if (found === undefined) return;
        checks.delete(check);
        resolve(found);
      };
      checks.add(check);
      child.once("exit", (code) => {
        if (checks.delete(check)) reject(new Error(`virtual-hall exited with ${String(code)}`));
      });
      check();
    });
}

/** The map: the indented JSON object the CLI prints first, up to its closing brace at the start of a line. */
function hallMap(stdout: string): VirtualHallMap | undefined {
  const end = stdout.indexOf("\n}\n");
  return end < 0 ? undefined : (JSON.parse(stdout.slice(0, end + 2)) as VirtualHallMap);
}

/** The first `count` reply lines, parsed, once there are that many. */
function replies(count: number): (stdout: string) => Record<string, unknown>[] | undefined {
  return (stdout) => {
    const lines = stdout.split("\n").filter((line) => line.startsWith('{"reply":'));
    return lines.length >= count
      ? lines.slice(0, count).map((line) => JSON.parse(line) as Record<string, unknown>)
      : undefined;
  };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

const profile = getPrinterProfile("generic-80");

/** Print one text ticket on a virtual-hall printer through the real driver, as a kiosk would. */
async function printOn(path: string, text: string): Promise<void> {
  const driver = new PrinterDriver({ transport: new SerialTransport({ path }), profile, pollIntervalMs: 0 });
  await driver.open();
  try {
    await driver.print({ blocks: [{ kind: "text", text }] });
  } finally {
    await driver.close();
  }
}

describe("startVirtualHall keeps printed tickets", () => {
  let dir: string | undefined;
  let hall: VirtualHall | undefined;
  afterEach(async () => {
    await hall?.stop();
    hall = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("when two kiosks each print a ticket, then each is saved as <n>.txt and <n>.png in cut order with its kiosk", async () => {
    dir = await mkdtemp(join(tmpdir(), "onewindow-hall-test-"));
    hall = await startVirtualHall({ dir, windows: 1, kiosks: 2 });
    expect(hall.map.tickets).toBe(join(dir, "tickets"));
    const saved: SavedTicket[] = [];
    const two = new Promise<void>((resolve) =>
      hall?.tickets.on("saved", (ticket) => {
        if (saved.push(ticket) === 2) resolve();
      }),
    );
    await printOn(hall.map.kiosks[0]!.printer, "KIOSK ONE A001");
    await printOn(hall.map.kiosks[1]!.printer, "KIOSK TWO B002");
    await two;
    expect(saved).toEqual([
      { n: 1, kiosk: 1, text: join(dir, "tickets", "1.txt"), png: join(dir, "tickets", "1.png") },
      { n: 2, kiosk: 2, text: join(dir, "tickets", "2.txt"), png: join(dir, "tickets", "2.png") },
    ]);
    expect(await readFile(saved[0]!.text, "utf8")).toContain("KIOSK ONE A001");
    expect(await readFile(saved[1]!.text, "utf8")).toContain("KIOSK TWO B002");
    const image = PNG.sync.read(await readFile(saved[1]!.png));
    expect(image.width).toBe(profile.printWidthDots + 32);
  });

  it("when a kiosk's printer is sent a QR code wider than its roll, then the hall reports it refused with the kiosk", async () => {
    dir = await mkdtemp(join(tmpdir(), "onewindow-hall-test-"));
    hall = await startVirtualHall({ dir, windows: 1, kiosks: 1 });
    const refused = nextEvent<{ kiosk: number; symbol: RefusedQr }>(hall.tickets, "refused");
    // Raw bytes, as a client that bypasses the driver's check would send: 400 bytes at M is 77 modules, × 16 dots.
    const port = new SerialTransport({ path: hall.map.kiosks[0]!.printer });
    await port.open();
    try {
      await port.write(
        encodeCommands([
          { op: "qrModuleSize", size: 16 },
          { op: "qrErrorCorrection", level: "M" },
          { op: "qrStore", data: "x".repeat(400) },
          { op: "qrPrint" },
        ]),
      );
      const { kiosk, symbol } = await refused;
      expect(kiosk).toBe(1);
      expect(symbol.message).toMatch(/1232 dots wide; the print width is 576 dots/);
    } finally {
      await port.close();
    }
  });
});

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

    const ticketLine = new Promise<{ ticket: number; kiosk: number; text: string; png: string }>((resolve) => {
      let lines = "";
      child?.stdout?.on("data", (chunk: Buffer) => {
        lines += chunk.toString();
        const line = lines.split("\n").find((l) => l.startsWith('{"ticket":'));
        if (line) resolve(JSON.parse(line) as { ticket: number; kiosk: number; text: string; png: string });
      });
    });
    await printOn(map.kiosks[0]!.printer, "CLI A001");
    const saved = await ticketLine;
    expect(saved).toEqual({
      ticket: 1,
      kiosk: 1,
      text: join(dir, "tickets", "1.txt"),
      png: join(dir, "tickets", "1.png"),
    });
    expect(PNG.sync.read(await readFile(saved.png)).width).toBe(profile.printWidthDots + 32);
    expect(await readFile(saved.text, "utf8")).toContain("CLI A001");

    const exited = exitCode(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("when commands come on stdin, then each gets one JSON reply line in order and a bad one changes nothing", async () => {
    dir = await mkdtemp(join(tmpdir(), "onewindow-hall-test-"));
    child = run(["--dir", dir, "--windows", "1", "--kiosks", "1"], "pipe");
    const stdout = watchStdout(child);
    const map = await stdout(hallMap);
    child.stdin?.write("help\npaper 1 jammed\n\nstatus\npaper 1 out\nbogus 1\n");
    const [help, bad, before, out, bogus] = await stdout(replies(5));
    expect(help).toMatchObject({
      reply: "help",
      ok: true,
      cards: expect.arrayContaining(["resident", "taiwan"]) as unknown,
    });
    expect(bad).toEqual({
      reply: "paper",
      ok: false,
      error: 'paper must be one of ok, near-end, out, got "jammed"; usage: paper <kiosk> ok|near-end|out',
    });
    expect(before).toMatchObject({ reply: "status", ok: true, kiosks: [{ kiosk: 1, printer: { paper: "ok" } }] });
    expect(out).toEqual({ reply: "paper", ok: true, kiosk: 1, paper: "out", condition: "paper-out" });
    expect(bogus).toEqual({ reply: null, ok: false, error: 'unknown command "bogus"; type help for the list' });

    // The printer in the CLI process is what a real driver talks to.
    const driver = new PrinterDriver({
      transport: new SerialTransport({ path: map.kiosks[0]!.printer }),
      profile,
      pollIntervalMs: 0,
    });
    await driver.open();
    try {
      expect((await driver.status()).condition).toBe("paper-out");
      // EOF on a pipe is not the end: the devices keep answering until a signal.
      let stderr = "";
      const eofSeen = new Promise<void>((resolve) =>
        child?.stderr?.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
          if (stderr.includes("stdin ended; running until SIGINT or SIGTERM")) resolve();
        }),
      );
      child.stdin?.end();
      await eofSeen;
      expect(child.exitCode).toBeNull();
      expect((await driver.status()).condition).toBe("paper-out");
    } finally {
      await driver.close();
    }
    const exited = exitCode(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("when quit comes on stdin, then it replies, stops every device and exits with 0", async () => {
    dir = await mkdtemp(join(tmpdir(), "onewindow-hall-test-"));
    child = run(["--dir", dir, "--windows", "1", "--kiosks", "1"], "pipe");
    const stdout = watchStdout(child);
    await stdout(hallMap);
    const exited = exitCode(child);
    child.stdin?.write("quit\n");
    expect(await stdout(replies(1))).toEqual([{ reply: "quit", ok: true }]);
    expect(await exited).toBe(0);
  });
});

describe("startVirtualHall on memory links (no socat)", () => {
  let dir: string | undefined;
  let hall: VirtualHall | undefined;
  afterEach(async () => {
    await hall?.stop();
    hall = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("when the hall runs on memory links, then drivers in this process print, read cards and scan over the same protocols", async () => {
    dir = await mkdtemp(join(tmpdir(), "onewindow-hall-memory-"));
    hall = await startVirtualHall({ dir, windows: 1, kiosks: 1, links: "memory" });
    const { map } = hall;
    expect(map.links).toBe("memory");
    expect(map.kiosks[0]).toEqual({
      kiosk: 1,
      printer: "memory:kiosk1-printer/host",
      idCardReader: "memory:kiosk1-idcard/host",
      barcodeScanner: "memory:kiosk1-scanner/host",
    });
    expect(() => hall?.hostTransport("/dev/ttyUSB0")).toThrow('the virtual hall has no memory link "/dev/ttyUSB0"');

    const printer = new PrinterDriver({
      transport: hall.hostTransport(map.kiosks[0]!.printer),
      profile,
      pollIntervalMs: 0,
    });
    await printer.open();
    const saved = nextEvent<SavedTicket>(hall.tickets, "saved");
    await printer.print({ blocks: [{ kind: "text", text: "MEMORY A001" }] });
    expect(await readFile((await saved).text, "utf8")).toContain("MEMORY A001");

    const reader = new IdCardReader(hall.hostTransport(map.kiosks[0]!.idCardReader), { pollIntervalMs: 10 });
    await reader.open();
    const card = nextEvent<CardRead>(reader, "card");
    hall.devices.kiosks[0]!.idCardReader.device.placeCard(sampleCards.resident);
    expect((await card).card.type).toBe("resident");

    const scanner = new BarcodeScanner({ transport: hall.hostTransport(map.kiosks[0]!.barcodeScanner) });
    await scanner.open();
    const scan = nextEvent<Scan>(scanner, "scan");
    await hall.devices.kiosks[0]!.barcodeScanner.device.scan("APPT-1");
    expect((await scan).code).toBe("APPT-1");

    // The panel's paper-out and unplug knobs reach the driver as they would over a PTY.
    await hall.devices.kiosks[0]!.printer.device.setFault("paper-out", true);
    expect((await printer.status()).condition).toBe("paper-out");
    const down = nextEvent<DeviceHealth>(printer, "health", (h) => h.state === "disconnected");
    await hall.devices.kiosks[0]!.printer.device.setFault("unplugged", true);
    expect(await down).toMatchObject({ code: "unplugged" });
    const up = nextEvent<DeviceHealth>(printer, "health", (h) => h.state !== "disconnected");
    await hall.devices.kiosks[0]!.printer.device.setFault("unplugged", false);
    await up;

    await Promise.all([printer.close(), reader.close(), scanner.close()]);
  });
});
