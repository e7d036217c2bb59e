import { describe, expect, it } from "vitest";
import { displayWidth, EscPosBuilder, wrapText } from "./builder.ts";
import { getPrinterProfile } from "./profiles.ts";
import { sampleTicket } from "./fixtures.ts";
import { encodeTicket, queueTicketLayout, ticketCommands } from "./ticketLayout.ts";

const p58 = getPrinterProfile("generic-58");
const p80 = getPrinterProfile("generic-80");

describe("text width and wrapping", () => {
  it("when text mixes Chinese and Latin, then Chinese counts two columns", () => {
    expect(displayWidth("A023")).toBe(4);
    expect(displayWidth("办事A")).toBe(5);
    expect(displayWidth("，（）")).toBe(6);
  });

  it("when Chinese text is longer than a line, then it breaks between characters", () => {
    expect(wrapText("一二三四五六七八九十", 8)).toEqual(["一二三四", "五六七八", "九十"]);
  });

  it("when closing punctuation would start a line, then the character before it moves down too", () => {
    expect(wrapText("一二三四；五六", 8)).toEqual(["一二三", "四；五六"]);
  });

  it("when Latin words would be cut, then they move to the next line whole", () => {
    expect(wrapText("Please bring your ID card", 12)).toEqual(["Please bring", "your ID card"]);
    expect(wrapText("Supercalifragilistic", 8)).toEqual(["Supercal", "ifragili", "stic"]);
  });

  it("when text has newlines, then each starts a line", () => {
    expect(wrapText("A\nB", 10)).toEqual(["A", "B"]);
  });
});

describe("EscPosBuilder", () => {
  it("when a Chinese profile initialises, then FS & follows ESC @ (devices.md §2.3 fact 1)", () => {
    expect(new EscPosBuilder(p58).initialize().commands()).toEqual([
      { op: "initialize" },
      { op: "chineseMode", on: true },
    ]);
  });

  it("when the style does not change, then no style command is repeated", () => {
    const commands = new EscPosBuilder(p58)
      .initialize()
      .setStyle({ bold: true })
      .line("a")
      .setStyle({ bold: true })
      .line("b")
      .commands();
    expect(commands.filter((c) => c.op === "bold")).toHaveLength(1);
  });

  it("when the profile cuts without GS V 66, then it feeds first and cuts", () => {
    expect(new EscPosBuilder(getPrinterProfile("gbk-80")).cut().commands()).toEqual([
      { op: "feedLines", lines: 4 },
      { op: "cut", partial: false },
    ]);
  });

  it("when a CODE128 barcode is added, then code set B is selected", () => {
    const commands = new EscPosBuilder(p58).barcode("A023").commands();
    expect(commands[commands.length - 1]).toEqual({ op: "barcode", symbology: "CODE128", data: "{BA023" });
  });

  it("when a QR module size exceeds the profile's maximum, then it is clamped", () => {
    expect(new EscPosBuilder(p58).qr("x", { moduleSize: 12 }).commands()).toContainEqual({
      op: "qrModuleSize",
      size: 8,
    });
  });
});

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
