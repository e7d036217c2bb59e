import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CallerKeypad, type CallerKeyEvent } from "../caller/driver.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import { nextEvent } from "../core/nextEvent.ts";
import { SerialTransport } from "../core/serialTransport.ts";
import { EvaluationKeypad } from "../evaluator/driver.ts";
import { fiveKeyProfile } from "../evaluator/codec.ts";
import { IdCardReader } from "../idcard/driver.ts";
import type { CardRead } from "../idcard/payload.ts";
import { sampleCards } from "../idcard/sampleCards.ts";
import { LedStrip } from "../led/driver.ts";
import { PrinterDriver } from "../printer/driver.ts";
import { BarcodeScanner, type Scan } from "../scanner/driver.ts";
import { getPrinterProfile } from "../printer/profiles.ts";
import { HallCommandExecutor, type HallReply } from "./hallCommandExecutor.ts";
import { startVirtualHall, type SavedTicket, type VirtualHall } from "./startVirtualHall.ts";

const profile = getPrinterProfile("generic-80");

let dir: string;
let hall: VirtualHall;
let executor: HallCommandExecutor;
/** Host-side drivers a test opened; closed after it. */
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "onewindow-hall-commands-"));
  hall = await startVirtualHall({ dir, windows: 2, kiosks: 1 });
  executor = new HallCommandExecutor(hall);
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  await hall.stop();
  await rm(dir, { recursive: true, force: true });
});

async function openReader(): Promise<IdCardReader> {
  const reader = new IdCardReader(new SerialTransport({ path: hall.map.kiosks[0]!.idCardReader }), {
    pollIntervalMs: 10,
  });
  await reader.open();
  closers.push(() => reader.close());
  return reader;
}

async function openCaller(window: number): Promise<CallerKeypad> {
  const caller = new CallerKeypad({
    variant: "serial",
    mode: "push",
    transport: new SerialTransport({ path: hall.map.windows[window - 1]!.callerKeypad.path }),
    ackTimeoutMs: 1000,
    reconnect: { initialMs: 20 },
  });
  await caller.open();
  closers.push(() => caller.close());
  return caller;
}

async function openPrinter(pollIntervalMs = 0): Promise<PrinterDriver> {
  const printer = new PrinterDriver({
    transport: new SerialTransport({ path: hall.map.kiosks[0]!.printer }),
    profile,
    pollIntervalMs,
  });
  await printer.open();
  closers.push(() => printer.close());
  return printer;
}

async function openEvaluator(window: number): Promise<EvaluationKeypad> {
  const keypad = EvaluationKeypad.create({
    variant: "serial",
    transport: new SerialTransport({ path: hall.map.windows[window - 1]!.evaluationKeypad.path }),
    keys: fiveKeyProfile,
    ackTimeoutMs: 1000,
    heartbeatMs: 0,
  });
  await keypad.open();
  closers.push(() => keypad.close());
  return keypad;
}

describe("HallCommandExecutor drives the virtual devices that real drivers see", () => {
  it("when a card is placed and removed, then a real IdCardReader reads that card and then sees it go", async () => {
    const reader = await openReader();
    const read = nextEvent<CardRead>(reader, "card");
    expect(await executor.run("card 1 taiwan")).toEqual({ reply: "card", ok: true, kiosk: 1, placed: "taiwan" });
    expect((await read).card).toMatchObject({ idNumber: sampleCards.taiwanPermit.fields.idNumber });

    const removed = once(reader, "removed");
    expect(await executor.run("card 1 remove")).toEqual({ reply: "card", ok: true, kiosk: 1, removed: "taiwan" });
    await removed;
  });

  it("when a code is scanned, then a real BarcodeScanner on the kiosk's scanner port gets it; unplugged, scan is refused", async () => {
    const scanner = new BarcodeScanner({
      transport: new SerialTransport({ path: hall.map.kiosks[0]!.barcodeScanner }),
    });
    await scanner.open();
    closers.push(() => scanner.close());
    const scan = nextEvent<Scan>(scanner, "scan");
    expect(await executor.run("scan 1 APPT-42")).toEqual({ reply: "scan", ok: true, kiosk: 1, scanned: 7 });
    expect((await scan).code).toBe("APPT-42");
    expect(await executor.run("unplug 1 scanner")).toEqual({ reply: "unplug", ok: true, kiosk: 1, device: "scanner" });
    expect(await executor.run("scan 1 APPT-43")).toEqual({
      reply: "scan",
      ok: false,
      error: "kiosk 1's scanner is unplugged; replug 1 scanner first",
    });
  });

  it("when caller keys are pressed, then a real CallerKeypad gets the typed key events of that window", async () => {
    const caller = await openCaller(2);
    const keys: CallerKeyEvent[] = [];
    const three = new Promise<void>((resolve) =>
      caller.on("key", (key) => {
        if (keys.push(key) === 3) resolve();
      }),
    );
    expect(await executor.run("key 2 next")).toEqual({ reply: "key", ok: true, window: 2, key: "next" });
    expect(await executor.run("key 2 transfer 5")).toEqual({
      reply: "key",
      ok: true,
      window: 2,
      key: "transfer",
      targetWindow: 5,
    });
    expect(await executor.run("key 2 rate")).toEqual({ reply: "key", ok: true, window: 2, key: "rate" });
    await three;
    expect(keys).toEqual([
      { kind: "next", address: 1 },
      { kind: "transfer", targetWindow: 5, address: 1 },
      { kind: "requestRating", address: 1 },
    ]);
  });

  it("when the paper runs out, then a real PrinterDriver reads paper out and refuses to print; ok loads a roll", async () => {
    const printer = await openPrinter();
    expect(await executor.run("paper 1 out")).toEqual({
      reply: "paper",
      ok: true,
      kiosk: 1,
      paper: "out",
      condition: "paper-out",
    });
    expect((await printer.status()).condition).toBe("paper-out");
    const refused = await printer.print({ blocks: [{ kind: "text", text: "A001" }] }).catch((error: unknown) => error);
    expect(isDriverError(refused) && refused.code).toBe(DriverErrorCode.PaperOut);

    expect(await executor.run("paper 1 ok")).toMatchObject({ ok: true, condition: "ok" });
    expect((await printer.status()).condition).toBe("ok");
  });

  it("when the cover opens or the cutter is set to jam, then the printer reports it and ok clears it", async () => {
    const printer = await openPrinter();
    expect(await executor.run("cover 1 open")).toMatchObject({ ok: true, cover: "open", condition: "cover-open" });
    expect((await printer.status()).condition).toBe("cover-open");
    expect(await executor.run("cover 1 closed")).toMatchObject({ ok: true, condition: "ok" });

    expect(await executor.run("cutter 1 jam")).toMatchObject({ ok: true, cutter: "jam" });
    const jammed = await printer.print({ blocks: [{ kind: "text", text: "A001" }] }).catch((error: unknown) => error);
    expect(isDriverError(jammed) && jammed.code).toBe(DriverErrorCode.CutterError);
    expect(await executor.run("cutter 1 ok")).toMatchObject({ ok: true, cutter: "ok", condition: "ok" });
  });

  it("when no rating is pending, then rate says so; once the host asks, rate answers it with that level", async () => {
    const keypad = await openEvaluator(1);
    expect(await executor.run("rate 1 5")).toEqual({
      reply: "rate",
      ok: false,
      error:
        "window 1's evaluation keypad has no rating request pending: the counter's host must ask for a rating first",
    });

    const asked = once(hall.devices.windows[0]!.evaluationKeypad.device, "request");
    const outcome = keypad.requestRating({ timeoutSec: 120 });
    await asked;
    expect(await executor.run("rate 1 dissatisfied")).toEqual({
      reply: "rate",
      ok: true,
      window: 1,
      level: 2,
      label: "不满意",
      key: 4,
    });
    expect(await outcome).toEqual({ kind: "rated", level: 2, label: "不满意", key: "4" });
  });

  it("when a caller is unplugged, then key is refused and the host sees the port go; replug brings both back", async () => {
    const caller = await openCaller(1);
    const gone = nextEvent<{ state: string }>(caller, "health", (health) => health.state === "disconnected");
    expect(await executor.run("unplug 1 caller")).toEqual({ reply: "unplug", ok: true, window: 1, device: "caller" });
    await gone;
    expect(await executor.run("key 1 next")).toEqual({
      reply: "key",
      ok: false,
      error: "window 1's caller is unplugged; replug 1 caller first",
    });
    expect(await executor.run("unplug 1 caller")).toMatchObject({
      ok: false,
      error: "window 1's caller is already unplugged",
    });

    const back = nextEvent<{ state: string }>(caller, "health", (health) => health.state === "connected");
    expect(await executor.run("replug 1 caller")).toEqual({
      reply: "replug",
      ok: true,
      window: 1,
      device: "caller",
      reopened: true,
    });
    await back;
    const key = nextEvent<CallerKeyEvent>(caller, "key");
    expect(await executor.run("key 1 next")).toMatchObject({ ok: true });
    expect(await key).toEqual({ kind: "next", address: 1 });
    expect(await executor.run("replug 1 caller")).toMatchObject({
      ok: false,
      error: "window 1's caller is not unplugged",
    });
  });

  it("when the printer is unplugged, then the driver reports it disconnected and status shows it unplugged", async () => {
    // The idle poll is on: serialport can miss a hang-up right after a read, and the next write then finds it.
    const printer = await openPrinter(200);
    const gone = nextEvent<{ state: string }>(printer, "health", (health) => health.state === "disconnected");
    expect(await executor.run("unplug 1 printer")).toEqual({ reply: "unplug", ok: true, kiosk: 1, device: "printer" });
    await gone;
    const status = await executor.run("status");
    expect(status).toMatchObject({ ok: true, kiosks: [{ kiosk: 1, printer: { plugged: false } }] });
    expect(await executor.run("replug 1 printer")).toMatchObject({ ok: true, kiosk: 1, reopened: true });
    expect(await executor.run("status")).toMatchObject({ kiosks: [{ printer: { plugged: true } }] });
  });

  it("when the host shows text on the LED strip and caller, then led and status print it", async () => {
    const led = new LedStrip({ transport: new SerialTransport({ path: hall.map.windows[1]!.ledStrip.path }) });
    await led.open();
    closers.push(() => led.close());
    await led.show("请A001到2号窗口");
    const caller = await openCaller(2);
    await caller.showText("A001");

    expect(await executor.run("led 2")).toEqual({
      reply: "led",
      ok: true,
      window: 2,
      plugged: true,
      lines: [{ line: 1, text: "请A001到2号窗口" }],
      idle: [],
      brightness: 15,
    });
    expect(await executor.run("status")).toMatchObject({
      windows: [
        { window: 1, ledStrip: { lines: [] }, callerKeypad: { text: null } },
        { window: 2, ledStrip: { lines: [{ line: 1, text: "请A001到2号窗口" }] }, callerKeypad: { text: "A001" } },
      ],
    });
  });

  it("when a ticket is printed, then tickets lists its number, kiosk and files", async () => {
    const printer = await openPrinter();
    const saved = nextEvent<SavedTicket>(hall.tickets, "saved");
    await printer.print({ blocks: [{ kind: "text", text: "A001" }] });
    await saved;
    expect(await executor.run("tickets")).toEqual({
      reply: "tickets",
      ok: true,
      tickets: [{ ticket: 1, kiosk: 1, text: join(dir, "tickets", "1.txt"), png: join(dir, "tickets", "1.png") }],
    });
  });

  it("when a command names a kiosk or window the hall lacks, then it is refused and nothing changes", async () => {
    const before = await executor.run("status");
    const refused: [string, string][] = [
      ["paper 2 out", "there is no kiosk 2: this hall has kiosk 1 only"],
      ["card 3 resident", "there is no kiosk 3: this hall has kiosk 1 only"],
      ["unplug 2 idcard", "there is no kiosk 2: this hall has kiosk 1 only"],
      ["key 3 next", "there is no window 3: this hall has windows 1-2"],
      ["rate 3 5", "there is no window 3: this hall has windows 1-2"],
      ["led 3", "there is no window 3: this hall has windows 1-2"],
      ["card 1 remove", "there is no card on kiosk 1's reader"],
    ];
    for (const [line, error] of refused)
      expect(await executor.run(line)).toEqual({ reply: line.split(" ")[0], ok: false, error });
    expect(await executor.run("status")).toEqual(before);
    expect(hall.devices.kiosks[0]!.printer.device.flags.paperOut).toBe(false);
  });

  it("when lines come in quickly, then replies come back in the same order, bad lines included", async () => {
    const replies = await Promise.all(
      ["status", "nonsense", "paper 1 near-end", "help", "quit"].map((line) => executor.run(line)),
    );
    expect(replies.map((reply: HallReply) => [reply.reply, reply.ok])).toEqual([
      ["status", true],
      [null, false],
      ["paper", true],
      ["help", true],
      ["quit", true],
    ]);
    const help = replies[3] as { cards?: unknown };
    expect(help.cards).toEqual(expect.arrayContaining(["resident", "hk-macau", "foreign-2023"]));
  });
});
