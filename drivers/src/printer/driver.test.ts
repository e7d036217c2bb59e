import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { DriverError, DriverErrorCode, isDriverError } from "../core/errors.ts";
import { FileTransport } from "../core/fileTransport.ts";
import { scriptedDevice } from "../core/fileTransportFixtures.ts";
import type { DeviceHealth } from "../core/health.ts";
import { SerialTransport } from "../core/serialTransport.ts";
import { TcpTransport } from "../core/tcpTransport.ts";
import type { Transport } from "../core/transport.ts";
import { displayWidth, wrapText } from "./builder.ts";
import { encodeCommands, type EscPosCommand } from "./codec.ts";
import { sampleEnglishTicketLayout, sampleTicketLayout, saveArtifact } from "./fixtures.ts";
import { PrinterDriver, type PrinterDriverOptions } from "./driver.ts";
import { getPrinterProfile, parsePrinterProfile, type PrinterProfile } from "./profiles.ts";
import type { TicketElement } from "./record.ts";
import { renderTicketPng, renderTicketText } from "./render.ts";
import type { TicketLayout } from "./layout.ts";
import {
  startVirtualPrinterOnMemory,
  startVirtualPrinterOnPty,
  startVirtualPrinterOnTcp,
  type VirtualPrinter,
} from "./virtual.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const fast: Partial<PrinterDriverOptions> = {
  statusTimeoutMs: 1000,
  jobPollMs: 40,
  jobTimeoutMs: 5000,
  pollIntervalMs: 0,
  reconnect: { initialMs: 50, maxMs: 200 },
};

/** "memory" (default, fast) or the real stacks: a PTY serial port, a USB printer-class file, TCP 9100. */
type Link = "memory" | "serial" | "file" | "tcp";

/** transport -> driver -> virtual printer, torn down after each test. */
async function rig(options: { profile?: PrinterProfile; link?: Link; driver?: Partial<PrinterDriverOptions> } = {}) {
  const profile = options.profile ?? getPrinterProfile("generic-80");
  let transport: Transport;
  let printer: VirtualPrinter;
  let unplug: () => Promise<void> = () => Promise.reject(new Error("no unplug"));
  let replug: () => Promise<void> = () => Promise.reject(new Error("no replug"));
  if (options.link === "tcp") {
    const tcp = await startVirtualPrinterOnTcp({ profile });
    cleanups.push(() => tcp.stop());
    printer = tcp.printer;
    transport = new TcpTransport({ host: tcp.host, port: tcp.port });
    unplug = () => Promise.resolve(tcp.dropConnection());
  } else if ((options.link ?? "memory") === "memory") {
    const memory = await startVirtualPrinterOnMemory({ profile });
    cleanups.push(() => memory.stop());
    printer = memory.printer;
    transport = memory.host;
    unplug = () => memory.unplug();
    replug = () => memory.replug();
  } else {
    const pty = await startVirtualPrinterOnPty({ profile });
    cleanups.push(() => pty.stop());
    printer = pty.printer;
    transport =
      options.link === "file"
        ? new FileTransport({ path: pty.hostPath, pollIntervalMs: 5 })
        : new SerialTransport({ path: pty.hostPath, baudRate: 115200 });
    unplug = () => pty.unplug();
    replug = () => pty.replug();
  }
  transport.on("error", () => undefined);
  const driver = new PrinterDriver({ transport, profile, ...fast, ...options.driver });
  const healths: DeviceHealth[] = [];
  driver.on("health", (health) => healths.push(health));
  await driver.open();
  cleanups.push(() => driver.close());
  return { driver, printer, profile, healths, unplug, replug };
}

const failure = async (promise: Promise<unknown>): Promise<DriverError> => {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isDriverError(error)) throw new Error(`expected a DriverError, got ${String(error)}`);
  return error;
};

const until = async (check: () => boolean, timeoutMs = 3000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await sleep(10);
  }
};

/** What the printer should have put on paper for `layout`: its text blocks as lines (wrapped), QR codes. */
function expectedElements(layout: TicketLayout, profile: PrinterProfile): Partial<TicketElement>[] {
  return layout.blocks.flatMap((block): Partial<TicketElement>[] => {
    switch (block.kind) {
      case "text": {
        const width = block.width ?? 1;
        return wrapText(block.text, Math.floor(profile.columns / width)).map((text) => ({
          kind: "line",
          text,
          align: block.align ?? "left",
          width,
          height: block.height ?? 1,
          bold: block.bold ?? false,
        }));
      }
      case "rule":
        return [{ kind: "line", text: "-".repeat(profile.columns / displayWidth(block.char ?? "-")) }];
      case "qr":
        return [{ kind: "qr", data: block.data, align: block.align ?? "center" }];
      default:
        return [];
    }
  });
}

describe("PrinterDriver over a PTY pair with the virtual printer", () => {
  it("when a Chinese queue ticket is printed over a PTY, then the virtual printer decodes exactly the layout", async () => {
    const { driver, printer, profile } = await rig({ link: "serial" });
    const layout = sampleTicketLayout;
    const receipt = await driver.print(layout);
    expect(receipt).toMatchObject({ condition: "ok", verified: true });
    expect(receipt.bytes).toBeLessThan(1024);
    const ticket = await printer.nextTicket(1000, 0);
    const expected = expectedElements(layout, profile);
    expect(ticket.elements).toHaveLength(expected.length);
    ticket.elements.forEach((element, i) => expect(element).toMatchObject(expected[i]!));
    expect(ticket.cut).toBe("partial");
    await saveArtifact("ticket.png", renderTicketPng(ticket, profile)); // artifacts/printer/ticket.png
    await saveArtifact("queue-ticket-80mm.txt", renderTicketText(ticket, profile));
  });

  it("when a 58 mm English ticket is printed, then it round-trips too", async () => {
    const profile = getPrinterProfile("generic-58");
    const { driver, printer } = await rig({ profile });
    const layout = sampleEnglishTicketLayout;
    await driver.print(layout);
    const ticket = await printer.nextTicket(1000, 0);
    const expected = expectedElements(layout, profile);
    expect(expected.length).toBeGreaterThan(0);
    expect(ticket.elements).toHaveLength(expected.length);
    ticket.elements.forEach((element, i) => expect(element).toMatchObject(expected[i]!));
    await saveArtifact("queue-ticket-58mm-en.png", renderTicketPng(ticket, profile));
  });

  it("when the printer reports each fault, then status and health say so", async () => {
    const { driver, printer, healths } = await rig();
    expect(driver.health).toMatchObject({ state: "connected", reason: "" });
    const cases = [
      [() => printer.setFault("paper-near-end", true), "paper-near-end", "degraded"],
      [() => printer.setFault("paper-out", true), "paper-out", "degraded"],
      [() => printer.setFault("paper-out", false), "ok", "connected"],
      [() => printer.setFault("cover-open", true), "cover-open", "degraded"],
      [() => printer.setFault("cover-open", false), "ok", "connected"],
      [() => printer.setFault("offline", true), "offline", "degraded"],
      [() => printer.setFault("offline", false), "ok", "connected"],
    ] as const;
    for (const [act, condition, state] of cases) {
      await act();
      expect((await driver.status()).condition).toBe(condition);
      expect(driver.health).toMatchObject({ state, code: condition });
    }
    expect(healths.map((h) => h.code)).toEqual([
      "ok",
      "paper-near-end",
      "paper-out",
      "ok",
      "cover-open",
      "ok",
      "offline",
      "ok",
    ]);
  });

  it("when the paper is out before a job, then nothing is sent and the error is PaperOut", async () => {
    const { driver, printer } = await rig();
    await printer.setFault("paper-out", true);
    const before = printer.bytesReceived;
    const error = await failure(driver.print(sampleTicketLayout));
    expect(error.code).toBe(DriverErrorCode.PaperOut);
    expect(error.context).toMatchObject({ sent: false, condition: "paper-out" });
    await driver.status(); // a barrier: had the job gone out, its bytes would arrive before these
    expect(printer.bytesReceived - before).toBe(24); // only two rounds of DLE EOT 1..4 queries
    expect(printer.tickets).toHaveLength(0);
  });

  it("when DLE EOT says all is well but GS r 1 says paper near end, then the receipt says paper-near-end", async () => {
    const { driver, printer } = await rig();
    printer.nearEndOnlyInPaperStatus = true;
    await printer.setFault("paper-near-end", true);
    expect((await driver.status()).condition).toBe("ok"); // DLE EOT 4 alone sees nothing
    const receipt = await driver.print(sampleTicketLayout);
    expect(receipt).toMatchObject({ verified: true, condition: "paper-near-end" });
  });

  it("when a command-list job holds a QR 462 dots wide for a 384-dot roll, then it is refused unsent with BadPayload", async () => {
    const profile = getPrinterProfile("generic-58");
    const { driver, printer } = await rig({ profile });
    const job: EscPosCommand[] = [
      { op: "initialize" },
      { op: "qrModuleSize", size: 6 },
      { op: "qrErrorCorrection", level: "M" },
      { op: "qrStore", data: "x".repeat(400) },
      { op: "qrPrint" },
      { op: "cut", partial: true },
    ];
    const error = await failure(driver.print(job));
    expect(error.code).toBe(DriverErrorCode.BadPayload);
    expect(error.context).toMatchObject({ sent: false, reason: "qr-too-wide" });
    expect(error.message).toMatch(/462 dots wide/);
    await sleep(50);
    expect(printer.tickets).toEqual([]);
  });

  it("when a raw-bytes job holds a 3,000-byte QR, then it is refused unsent: no QR symbol holds it", async () => {
    const { driver, printer } = await rig();
    const bytes = encodeCommands([
      { op: "qrErrorCorrection", level: "L" },
      { op: "qrStore", data: "x".repeat(3000) },
      { op: "qrPrint" },
      { op: "cut", partial: true },
    ]);
    const error = await failure(driver.print(bytes));
    expect(error).toMatchObject({
      code: DriverErrorCode.BadPayload,
      context: { sent: false, reason: "qr-over-capacity" },
    });
    await sleep(50);
    expect(printer.tickets).toEqual([]);
  });

  it("when a layout's QR is too big for any symbol, then print rejects with BadPayload (it does not throw)", async () => {
    const { driver } = await rig();
    const result = driver.print({ blocks: [{ kind: "qr", data: "x".repeat(3000), errorCorrection: "L" }] });
    expect(await failure(result)).toMatchObject({
      code: DriverErrorCode.BadPayload,
      context: { sent: false, reason: "qr-over-capacity", capacity: 2953 },
    });
  });

  it("when a layout's QR is too wide at its module size for 58 mm, then it prints at a smaller module size", async () => {
    const profile = getPrinterProfile("generic-58");
    const { driver, printer } = await rig({ profile });
    await driver.print({ blocks: [{ kind: "qr", data: "x".repeat(400), moduleSize: 6, errorCorrection: "M" }] });
    const ticket = await printer.nextTicket(1000, 0);
    expect(ticket.elements).toEqual([expect.objectContaining({ kind: "qr", moduleSize: 4 })]);
    expect(ticket).not.toHaveProperty("refused");
  });

  it("when the cover is open, then the job is refused with CoverOpen", async () => {
    const { driver, printer } = await rig();
    await printer.setFault("cover-open", true);
    expect((await failure(driver.print({ blocks: [{ kind: "text", text: "x" }] }))).code).toBe(
      DriverErrorCode.CoverOpen,
    );
  });

  it("when paper runs out in the middle of a job, then the job fails as PaperOut with sent = true", async () => {
    const { driver, printer } = await rig();
    printer.lineTimeMs = 15;
    await printer.setFault("paper-out", true, { afterLines: 4 });
    const error = await failure(driver.print(sampleTicketLayout));
    expect(error.code).toBe(DriverErrorCode.PaperOut);
    expect(error.context).toMatchObject({ sent: true });
    expect(printer.tickets).toHaveLength(0);
    expect(printer.pendingElements.length).toBeGreaterThan(0); // half a ticket on the roll
    expect(driver.health).toMatchObject({ state: "degraded", code: "paper-out" });
    // A fresh roll: the printer finishes the rest of the old job, which is why the kiosk voids or reprints.
    await printer.setFault("paper-out", false);
    await printer.nextTicket(2000, 0);
    expect((await driver.status()).condition).toBe("ok");
  });

  it("when the cutter jams, then the job fails as CutterError, and recovers after clearing", async () => {
    const { driver, printer } = await rig();
    await printer.setFault("cutter-jam", true);
    const error = await failure(driver.print({ blocks: [{ kind: "text", text: "号码 A001" }] }));
    expect(error.code).toBe(DriverErrorCode.CutterError);
    expect(error.context).toMatchObject({ sent: true });
    await printer.setFault("cutter-jam", false);
    expect((await driver.print({ blocks: [{ kind: "text", text: "号码 A002" }] })).condition).toBe("ok");
  });

  it("when replies are slower than the timeout, then status rejects with Timeout and health degrades", async () => {
    const { driver, printer } = await rig();
    let late = 0;
    driver.on("discarded", (bytes) => (late += bytes.length));
    await printer.setFault("slow", true, { delayMs: 1500 });
    expect((await failure(driver.status())).code).toBe(DriverErrorCode.Timeout);
    expect(driver.health).toMatchObject({ state: "degraded", code: "no-reply" });
    await printer.setFault("slow", false);
    await until(() => late === 4, 5000); // the late replies arrive and are dropped: nobody waits for them
    expect((await driver.status()).condition).toBe("ok");
    expect(driver.health.state).toBe("connected");
  });

  it("when the printer answers nothing, then a job fails with Timeout before sending anything", async () => {
    const { driver, printer } = await rig();
    await printer.setFault("silent", true);
    const error = await failure(driver.print({ blocks: [{ kind: "text", text: "A" }] }));
    expect(error.code).toBe(DriverErrorCode.Timeout);
    expect(error.context).toMatchObject({ sent: false });
  });

  it("when a job takes longer than the job timeout, then it fails with Timeout and sent = true", async () => {
    const { driver, printer } = await rig({ driver: { jobTimeoutMs: 1500 } });
    printer.lineTimeMs = 200; // about 25 lines: 5 s of printing
    const error = await failure(driver.print(sampleTicketLayout));
    expect(error.code).toBe(DriverErrorCode.Timeout);
    expect(error.context).toMatchObject({ sent: true });
  });

  it("when replies come split byte by byte after line noise, then they still parse and the noise is reported", async () => {
    const { driver, printer } = await rig({ profile: getPrinterProfile("kiosk-80-asb") });
    const discarded: Uint8Array[] = [];
    driver.on("discarded", (bytes) => discarded.push(bytes));
    await printer.setFault("split", true);
    printer.sendGarbage(Uint8Array.of(0xff, 0xfe, 0x81));
    expect((await driver.status()).condition).toBe("ok");
    expect(await driver.identify()).toEqual({ maker: "OneWindow", model: "VIRT" });
    expect((await driver.print({ blocks: [{ kind: "text", text: "分段回复" }] })).condition).toBe("ok");
    expect(discarded.flatMap((bytes) => [...bytes])).toEqual([0xff, 0xfe, 0x81]);
  });

  it("when the printer has ASB, then a status change reaches health without any polling", async () => {
    const { driver, printer, healths } = await rig({ profile: getPrinterProfile("kiosk-80-asb") });
    await printer.setFault("cover-open", true);
    await until(() => driver.health.code === "cover-open");
    await printer.setFault("cover-open", false);
    await until(() => driver.health.code === "ok");
    expect(healths.map((h) => h.code)).toEqual(["ok", "cover-open", "ok"]);
  });

  it("when the cable is pulled, then health is disconnected, jobs fail typed, and the driver reconnects on replug", async () => {
    // The idle poll is on: serialport can miss a hang-up right after a read, and the next write then finds it.
    const { driver, unplug, replug } = await rig({ link: "serial", driver: { pollIntervalMs: 200 } });
    await unplug();
    await until(() => driver.health.state === "disconnected");
    expect(driver.health.code).toBe("unplugged");
    const error = await failure(driver.print({ blocks: [{ kind: "text", text: "A" }] }));
    expect(error.code).toBe(DriverErrorCode.Disconnected);
    expect(error.context).toMatchObject({ sent: false });
    await replug();
    await until(() => driver.health.state === "connected");
    expect((await driver.print({ blocks: [{ kind: "text", text: "重新连接" }] })).verified).toBe(true);
  });

  it("when the idle poll runs, then a fault is noticed without anyone asking", async () => {
    const { driver, printer } = await rig({ driver: { pollIntervalMs: 50 } });
    await printer.setFault("paper-near-end", true);
    await until(() => driver.health.code === "paper-near-end");
  });
});

describe("PrinterDriver over other transports", () => {
  it("when the printer is on TCP 9100, then a ticket prints and a dropped connection is seen and healed", async () => {
    const { driver, printer, unplug } = await rig({ link: "tcp" });
    await driver.print({ blocks: [{ kind: "text", text: "网络打印机", align: "center" }] });
    expect((await printer.nextTicket(1000, 0)).elements[0]).toMatchObject({ text: "网络打印机", align: "center" });
    await unplug();
    await until(() => driver.health.state === "disconnected");
    await until(() => driver.health.state === "connected");
    await driver.print({ blocks: [{ kind: "text", text: "again" }] });
    expect(printer.tickets).toHaveLength(2);
  });

  it("when the printer is a USB printer-class device file, then a ticket prints with status read back", async () => {
    const { driver, printer } = await rig({ link: "file" });
    await printer.setFault("paper-near-end", true);
    const receipt = await driver.print({ blocks: [{ kind: "text", text: "USB 打印机" }] });
    expect(receipt).toMatchObject({ verified: true, condition: "paper-near-end" });
    expect((await printer.nextTicket(1000, 0)).elements[0]).toMatchObject({ text: "USB 打印机" });
  });

  it("when the profile cannot read status, then a job is refused unsent unless allowUnverified is passed", async () => {
    const profile = parsePrinterProfile("write-only", { ...getPrinterProfile("generic-58"), status: "none" });
    const { driver, printer } = await rig({ profile, link: "tcp" });
    expect(driver.health).toMatchObject({ state: "connected", code: "no-status" });
    const refused = await failure(driver.print({ blocks: [{ kind: "text", text: "A" }] }));
    expect(refused.code).toBe(DriverErrorCode.DeviceStatus);
    expect(refused.context).toMatchObject({ sent: false, reason: "unverifiable" });
    const receipt = await driver.print({ blocks: [{ kind: "text", text: "B" }] }, { allowUnverified: true });
    expect(receipt).toMatchObject({ verified: false });
    // Only the allowed job reached the printer.
    expect((await printer.nextTicket(1000, 0)).elements[0]).toMatchObject({ text: "B" });
    expect(printer.tickets).toHaveLength(1);
    expect((await failure(driver.status())).code).toBe(DriverErrorCode.DeviceStatus);
  });

  it("when a USB printer-class node refuses reads with EINVAL (one-way), then health is degraded with no status read-back and jobs need allowUnverified", async () => {
    const { files, log } = scriptedDevice(["EINVAL"]);
    const transport = new FileTransport({ path: "/dev/usb/lp0", pollIntervalMs: 1, files });
    const driver = new PrinterDriver({ transport, profile: getPrinterProfile("generic-58"), ...fast });
    cleanups.push(() => driver.close());
    const degraded = new Promise<DeviceHealth>((resolve) =>
      driver.on("health", (health) => health.state === "degraded" && resolve(health)),
    );
    await driver.open();
    expect(await degraded).toMatchObject({ reason: "no status read-back", code: "no-read-back" });
    expect((await failure(driver.status())).message).toContain("no status read-back");
    const written = log.written.length;
    const refused = await failure(driver.print({ blocks: [{ kind: "text", text: "A" }] }));
    expect(refused.context).toMatchObject({ sent: false, reason: "unverifiable" });
    expect(log.written.length).toBe(written);
    const job = Uint8Array.of(0x1b, 0x40, 0x41, 0x0a);
    expect(await driver.print(job, { allowUnverified: true })).toMatchObject({ verified: false, bytes: 4 });
    expect(log.written.slice(written)).toEqual([...job]);
    expect(driver.health).toMatchObject({ state: "degraded", code: "no-read-back" });
  });

  it("when the printer cannot be reached at all, then open rejects OpenFailed and health says why", async () => {
    const driver = new PrinterDriver({
      transport: new SerialTransport({ path: "/nonexistent/ttyUSB9" }),
      profile: getPrinterProfile("generic-58"),
    });
    expect((await failure(driver.open())).code).toBe(DriverErrorCode.OpenFailed);
    expect(driver.health).toMatchObject({ state: "disconnected", code: "open-failed" });
  });
});
