import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { EscPosDecoder } from "./escposParser.ts";
import { saveArtifact, smallTicketBytes } from "./fixtures.ts";
import { getPrinterProfile } from "./profiles.ts";
import { TicketRecorder, type TicketRecord } from "./record.ts";
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

  it("when a CJK font is installed, then the renderer uses it", () => {
    const font = ticketFont();
    expect(font.family.length).toBeGreaterThan(0);
    if (font.path) expect(font.family).toBe("OneWindowTicket");
  });
});
