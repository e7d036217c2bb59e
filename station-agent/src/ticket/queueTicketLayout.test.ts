import { printer } from "@onewindow/drivers";
import { createMemoryTransportPair, printer as printerNode } from "@onewindow/drivers/node";
import { VirtualPrinter } from "@onewindow/drivers/virtual";
import { afterEach, describe, expect, it } from "vitest";
import { sampleTicket } from "./fixtures.ts";
import { queueTicketLayout } from "./queueTicketLayout.ts";

const { displayWidth, encodeTicket, getPrinterProfile, ticketCommands } = printer;
const p58 = getPrinterProfile("generic-58");
const p80 = getPrinterProfile("generic-80");

describe("queue ticket", () => {
  it.each([
    ["58 mm", p58],
    ["80 mm", p80],
  ])("when a full ticket is encoded for %s, then it stays under 1 KB", (_name, profile) => {
    const bytes = encodeTicket(queueTicketLayout(sampleTicket, profile), profile);
    expect(bytes.length).toBeLessThan(1024);
    expect(bytes.length).toBeGreaterThan(300);
  });

  it("when laid out, then the number is the largest text and the QR code carries the status link", () => {
    const commands = ticketCommands(queueTicketLayout(sampleTicket, p80), p80);
    expect(commands).toContainEqual({ op: "size", width: 4, height: 4 });
    expect(commands).toContainEqual({ op: "text", text: "A023" });
    expect(commands).toContainEqual({ op: "qrStore", data: sampleTicket.statusUrl });
    expect(commands[commands.length - 1]).toEqual({ op: "cut", partial: true, feed: 0 });
  });

  it("when the 58 mm roll is used, then the number is 3x and no line exceeds 32 columns", () => {
    const commands = ticketCommands(queueTicketLayout(sampleTicket, p58), p58);
    expect(commands).toContainEqual({ op: "size", width: 3, height: 3 });
    let width = 1;
    for (const command of commands) {
      if (command.op === "size") width = command.width;
      if (command.op === "text") expect(displayWidth(command.text) * width).toBeLessThanOrEqual(32);
    }
  });

  it("when the ticket is in English, then the labels are English", () => {
    const commands = ticketCommands(queueTicketLayout({ ...sampleTicket, language: "en", peopleAhead: 1 }, p80), p80);
    expect(commands).toContainEqual({ op: "text", text: "1 person ahead of you" });
  });
});

describe("queue ticket on the virtual printer", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("when the ticket is printed through the driver, then the printer's paper carries its number, wait and link", async () => {
    const pair = createMemoryTransportPair({ name: "kiosk-printer" });
    const device = new VirtualPrinter({ transport: pair.device });
    await device.start();
    cleanups.push(() => device.stop());
    const driver = new printerNode.PrinterDriver({ transport: pair.host, profile: p80, pollIntervalMs: 0 });
    await driver.open();
    cleanups.push(() => driver.close());
    await driver.print(queueTicketLayout(sampleTicket, p80));
    const ticket = await device.nextTicket(2000, 0);
    const lines = ticket.elements.flatMap((e) => (e.kind === "line" ? [e.text] : []));
    expect(lines).toContain("A023");
    expect(lines).toContain("您前面还有 12 人");
    expect(lines).toContain("预计等待约 25 分钟");
    expect(ticket.elements).toContainEqual(expect.objectContaining({ kind: "qr", data: sampleTicket.statusUrl }));
  });
});
