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
});
