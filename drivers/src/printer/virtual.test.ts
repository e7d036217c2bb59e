import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { encodeCommands, type EscPosCommand } from "./codec.ts";
import { getPrinterProfile } from "./profiles.ts";
import type { RefusedQr } from "./record.ts";
import { VirtualPrinter, type DeviceLink } from "./virtual.ts";

/** An in-memory link: `host(bytes)` is the host writing to the printer; the printer's replies are dropped. */
function memoryLink(): DeviceLink & { host(bytes: Uint8Array): void } {
  const events = new EventEmitter();
  return {
    write: () => Promise.resolve(),
    on: (event, listener) => events.on(event, listener),
    off: (event, listener) => events.off(event, listener),
    host: (bytes) => events.emit("data", Buffer.from(bytes)),
  };
}

const qrJob = (data: string, moduleSize: number): EscPosCommand[] => [
  { op: "initialize" },
  { op: "qrModel", model: 2 },
  { op: "qrModuleSize", size: moduleSize },
  { op: "qrErrorCorrection", level: "M" },
  { op: "qrStore", data },
  { op: "qrPrint" },
  { op: "text", text: "A001" },
  { op: "newline" },
  { op: "cut", partial: true },
];

describe("VirtualPrinter QR codes", () => {
  it("when a 58 mm virtual printer is sent a QR 462 dots wide, then like firmware it prints nothing for it and reports it refused", async () => {
    const p58 = getPrinterProfile("generic-58");
    const printer = new VirtualPrinter({ profile: p58 });
    const link = memoryLink();
    printer.attach(link);
    const refused: RefusedQr[] = [];
    printer.on("refused", (symbol) => refused.push(symbol));
    link.host(encodeCommands(qrJob("x".repeat(400), 6)));
    const ticket = await printer.nextTicket(1000, 0);
    expect(ticket.elements.map((e) => e.kind)).toEqual(["line"]);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.message).toMatch(/462 dots wide; the print width is 384 dots/);
    expect(printer.refusals).toEqual(refused);
    expect(ticket.refused).toEqual(refused);
  });

  it("when the same QR goes to an 80 mm virtual printer (576 dots), then it is printed", async () => {
    const printer = new VirtualPrinter({ profile: getPrinterProfile("generic-80") });
    const link = memoryLink();
    printer.attach(link);
    link.host(encodeCommands(qrJob("x".repeat(400), 6)));
    const ticket = await printer.nextTicket(1000, 0);
    expect(ticket.elements.map((e) => e.kind)).toEqual(["qr", "line"]);
    expect(printer.refusals).toEqual([]);
  });
});
