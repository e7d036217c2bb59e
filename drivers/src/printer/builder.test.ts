import { describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import { displayWidth, EscPosBuilder, wrapText } from "./builder.ts";
import { getPrinterProfile, parsePrinterProfile } from "./profiles.ts";

const p58 = getPrinterProfile("generic-58");

const thrown = (act: () => unknown): unknown => {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
};

describe("EscPosBuilder QR codes", () => {
  it("when a 400-byte QR at module size 6 is built for a 58 mm roll (462 of 384 dots), then the module size shrinks to 4", () => {
    // 400 bytes at level M is version 15: 77 modules. 77 × 5 = 385 > 384, 77 × 4 = 308 fits.
    const commands = new EscPosBuilder(p58).qr("x".repeat(400), { moduleSize: 6, errorCorrection: "M" }).commands();
    expect(commands).toContainEqual({ op: "qrModuleSize", size: 4 });
  });

  it("when a 3,000-byte QR is built, then it is refused with BadPayload: no QR symbol holds it (2,953 bytes at level L)", () => {
    const error = thrown(() => new EscPosBuilder(p58).qr("x".repeat(3000), { errorCorrection: "L" }));
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadPayload);
    expect((error as Error).message).toMatch(/3000 bytes.*2953 bytes.*L/);
  });

  it("when QR data fits level L but not the chosen level, then it is refused naming that level's capacity", () => {
    const error = thrown(() => new EscPosBuilder(p58).qr("x".repeat(2400), { errorCorrection: "M" }));
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadPayload);
    expect((error as Error).message).toMatch(/2331 bytes.*M/);
  });

  it("when even the smallest allowed module size is too wide for the roll, then the QR is refused, not printed cut off", () => {
    const narrow = parsePrinterProfile("narrow", { ...p58, printWidthDots: 192, columns: 16 });
    // 1000 bytes at M is version 26 (121 modules): 242 dots at the default minimum of 2 dots per module.
    const error = thrown(() => new EscPosBuilder(narrow).qr("x".repeat(1000)));
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadPayload);
    expect((error as Error).message).toMatch(/242 dots wide.*192 dots/);
    // A caller that accepts 1-dot modules gets one that fits (121 dots).
    expect(new EscPosBuilder(narrow).qr("x".repeat(1000), { minModuleSize: 1 }).commands()).toContainEqual({
      op: "qrModuleSize",
      size: 1,
    });
  });

  it("when a QR fits at the requested module size, then that size is kept", () => {
    expect(new EscPosBuilder(p58).qr("https://x.cn", { moduleSize: 6 }).commands()).toContainEqual({
      op: "qrModuleSize",
      size: 6,
    });
  });
});

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
