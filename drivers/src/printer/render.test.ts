import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { EscPosDecoder } from "./escposParser.ts";
import { saveArtifact, smallTicketBytes } from "./fixtures.ts";
import { getPrinterProfile } from "./profiles.ts";
import { TicketRecorder, type TicketRecord } from "./record.ts";
import { code128Modules } from "./code128.ts";
import { renderTicketPng, renderTicketText, ticketFont } from "./render.ts";

const recordOf = (bytes: Uint8Array): TicketRecord => {
  const recorder = new TicketRecorder();
  for (const item of new EscPosDecoder().push(bytes))
    if (item.kind === "command") {
      const ticket = recorder.apply(item.command);
      if (ticket) return ticket;
    }
  throw new Error("no cut");
};

describe("ticket rendering", () => {
  const profile = getPrinterProfile("generic-58");
  const ticket = recordOf(smallTicketBytes);

  it("when a ticket renders as text, then alignment, double width and the cut show", () => {
    expect(renderTicketText(ticket, profile)).toBe(
      ["            办  事", "", "A001", "       [QR https://x.cn]", "--------- partial cut ----------", ""].join("\n"),
    );
  });

  it("when a ticket renders as PNG, then it is one pixel per dot plus margins, on white paper with ink", async () => {
    const png = renderTicketPng(ticket, profile);
    const image = PNG.sync.read(png);
    expect(image.width).toBe(profile.printWidthDots + 32);
    expect(image.height).toBeGreaterThan(150);
    let ink = 0;
    for (let i = 0; i < image.data.length; i += 4) if (image.data[i]! < 128) ink++;
    expect(ink).toBeGreaterThan(1000); // the QR code alone is thousands of black dots
    await saveArtifact("small-ticket-58mm.png", png);
  });

  const barcodeTicket = (data: string, symbology: "CODE128" | "EAN13" = "CODE128"): TicketRecord => ({
    elements: [{ kind: "barcode", symbology, data, height: 60, width: 2, hri: "below", align: "left" }],
    cut: "full",
  });

  /** The ink along one pixel row of a PNG, "1" for a dark pixel, from the first dark pixel to the last. */
  const inkRow = (png: Buffer, y: number): string => {
    const image = PNG.sync.read(png);
    let row = "";
    for (let x = 0; x < image.width; x++) row += image.data[(y * image.width + x) * 4]! < 128 ? "1" : "0";
    return row.slice(row.indexOf("1"), row.lastIndexOf("1") + 1);
  };

  it("when a CODE128 barcode is drawn, then a row through the bars reads back its exact modules", async () => {
    const png = renderTicketPng(barcodeTicket("{BA001"), profile);
    // Margin 16 + bar top offset 4, then halfway down the 60-dot bars; every module is 2 dots wide.
    const row = inkRow(png, 16 + 4 + 30);
    const modules = row.match(/.{2}/g)!.map((pair) => pair[0]!);
    expect(row.match(/.{2}/g)!.every((pair) => pair[0] === pair[1])).toBe(true);
    expect(modules.join("")).toBe(code128Modules("{BA001"));
    const image = PNG.sync.read(png);
    // Left-aligned after the 16-dot margin and a 10-module quiet zone.
    const firstInk = [...Array(image.width).keys()].find(
      (x) => image.data[((16 + 4 + 30) * image.width + x) * 4]! < 128,
    );
    expect(firstInk).toBe(16 + 10 * 2);
    await saveArtifact("code128-A001.png", png);
  });

  it("when the barcode is another symbology or CODE128 data a printer rejects, then a labelled stand-in is drawn", () => {
    const ean = inkRow(renderTicketPng(barcodeTicket("4901234567894", "EAN13"), profile), 50);
    expect(ean.length).toBeGreaterThan(0);
    const rejected = inkRow(renderTicketPng(barcodeTicket("{Cxy"), profile), 50);
    expect(rejected.length).toBeGreaterThan(0);
    expect(renderTicketText(barcodeTicket("{BA001"), profile).split("\n")[0]).toBe("[CODE128 A001]");
  });

  it("when a CJK font is installed, then the renderer uses it", () => {
    const font = ticketFont();
    expect(font.family.length).toBeGreaterThan(0);
    if (font.path) expect(font.family).toBe("OneWindowTicket");
  });
});
