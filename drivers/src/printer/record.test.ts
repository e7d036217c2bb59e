import { describe, expect, it } from "vitest";
import type { EscPosCommand } from "./codec.ts";
import { TicketRecorder, type TicketRecord } from "./record.ts";

const record = (commands: EscPosCommand[]): TicketRecord | undefined => {
  const recorder = new TicketRecorder();
  let last: TicketRecord | undefined;
  for (const command of commands) last = recorder.apply(command) ?? last;
  return last;
};

describe("TicketRecorder", () => {
  it("when styles change within a line, then the line keeps its spans and the first style", () => {
    const ticket = record([
      { op: "bold", on: true },
      { op: "text", text: "号码" },
      { op: "bold", on: false },
      { op: "text", text: " A1" },
      { op: "newline" },
      { op: "cut", partial: false },
    ]);
    expect(ticket?.elements).toEqual([
      {
        kind: "line",
        text: "号码 A1",
        align: "left",
        bold: true,
        underline: false,
        reverse: false,
        width: 1,
        height: 1,
        spans: [
          { text: "号码", bold: true, underline: false, reverse: false, width: 1, height: 1 },
          { text: " A1", bold: false, underline: false, reverse: false, width: 1, height: 1 },
        ],
      },
    ]);
    expect(ticket?.cut).toBe("full");
  });

  it("when alignment changes mid-line, then it applies from the next line (ESC a works at line start)", () => {
    const ticket = record([
      { op: "text", text: "a" },
      { op: "align", align: "center" },
      { op: "text", text: "b" },
      { op: "newline" },
      { op: "text", text: "c" },
      { op: "newline" },
      { op: "cut", partial: true },
    ]);
    expect(ticket?.elements.map((e) => (e.kind === "line" ? [e.text, e.align] : []))).toEqual([
      ["ab", "left"],
      ["c", "center"],
    ]);
  });

  it("when a QR code is stored and printed, then it is recorded with its settings and alignment", () => {
    const ticket = record([
      { op: "align", align: "center" },
      { op: "qrModuleSize", size: 6 },
      { op: "qrErrorCorrection", level: "M" },
      { op: "qrStore", data: "https://x.cn" },
      { op: "qrPrint" },
      { op: "cut", partial: true },
    ]);
    expect(ticket?.elements).toEqual([
      { kind: "qr", data: "https://x.cn", model: 2, moduleSize: 6, errorCorrection: "M", align: "center" },
    ]);
  });

  it("when ESC ! sets double width, height and emphasis, then the line shows them", () => {
    const ticket = record([
      { op: "printMode", mode: 0x38 },
      { op: "text", text: "X" },
      { op: "cut", partial: true },
    ]);
    expect(ticket?.elements[0]).toMatchObject({ kind: "line", text: "X", bold: true, width: 2, height: 2 });
  });

  it("when paper is fed and a barcode printed, then both are recorded and count as used paper", () => {
    const recorder = new TicketRecorder();
    recorder.apply({ op: "feedLines", lines: 3 });
    recorder.apply({ op: "barcode", symbology: "CODE128", data: "{BA1" });
    expect(recorder.pending.map((e) => e.kind)).toEqual(["feed", "barcode"]);
    expect(recorder.linesPrinted).toBe(6);
  });

  it("when QR print comes without stored data, then nothing is printed", () => {
    expect(record([{ op: "qrPrint" }, { op: "cut", partial: true }])?.elements).toEqual([]);
  });

  const bigQr = (data: string, moduleSize: number, level: "L" | "M"): EscPosCommand[] => [
    { op: "qrModuleSize", size: moduleSize },
    { op: "qrErrorCorrection", level },
    { op: "qrStore", data },
    { op: "qrPrint" },
    { op: "text", text: "after" },
    { op: "cut", partial: true },
  ];
  const on58 = (commands: EscPosCommand[]): TicketRecord | undefined => {
    const recorder = new TicketRecorder({ printWidthDots: 384 });
    let last: TicketRecord | undefined;
    for (const command of commands) last = recorder.apply(command) ?? last;
    return last;
  };

  it("when a 400-byte QR at module size 6 (462 dots) is printed on a 384-dot roll, then nothing is printed and the ticket lists it as refused", () => {
    const ticket = on58(bigQr("x".repeat(400), 6, "M"));
    expect(ticket?.elements.map((e) => e.kind)).toEqual(["line"]);
    expect(ticket?.refused).toHaveLength(1);
    expect(ticket?.refused?.[0]).toMatchObject({
      kind: "qr",
      moduleSize: 6,
      errorCorrection: "M",
      problem: { reason: "too-wide", widthDots: 462, printWidthDots: 384 },
    });
  });

  it("when a 3,000-byte QR (over any symbol's capacity) is printed, then nothing is printed and the ticket lists it as refused", () => {
    const ticket = on58(bigQr("x".repeat(3000), 1, "L"));
    expect(ticket?.elements.map((e) => e.kind)).toEqual(["line"]);
    expect(ticket?.refused?.[0]?.problem).toMatchObject({ reason: "over-capacity", bytes: 3000, capacity: 2953 });
  });

  it("when every QR fits, then the ticket has no refused list", () => {
    expect(on58(bigQr("x".repeat(400), 4, "M"))).not.toHaveProperty("refused");
  });
});
