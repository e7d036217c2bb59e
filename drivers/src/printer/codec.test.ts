import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeChinese, encodeCommands, type EscPosCommand } from "./codec.ts";
import {
  conditionOf,
  decodeAsb,
  decodePaperStatus,
  decodeRealtimeStatus,
  encodeAsb,
  encodePaperStatus,
  encodeRealtimeStatus,
  isAsbHeader,
  isRealtimeStatusByte,
  okFlags,
  type PrinterFlags,
} from "./status.ts";
import {
  asbBlocks,
  drawerHighReply,
  fuzzRuns,
  realtimeReplies,
  smallTicketBytes,
  smallTicketLayout,
} from "./fixtures.ts";
import { getPrinterProfile } from "./profiles.ts";
import { encodeTicket } from "./layout.ts";

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ");
const encode = (...commands: EscPosCommand[]) => hex(encodeCommands(commands));

describe("ESC/POS encoder: one golden byte sequence per command (devices.md §2.2-2.6)", () => {
  it.each<[string, EscPosCommand, string]>([
    ["ESC @ initialise", { op: "initialize" }, "1b 40"],
    ["FS & Chinese mode on", { op: "chineseMode", on: true }, "1c 26"],
    ["FS . Chinese mode off", { op: "chineseMode", on: false }, "1c 2e"],
    ["ESC t code table", { op: "codeTable", table: 0 }, "1b 74 00"],
    ["ESC R China (node-thermal-printer's CHINA)", { op: "charset", charset: 15 }, "1b 52 0f"],
    ["ESC a centre", { op: "align", align: "center" }, "1b 61 01"],
    ["ESC a right", { op: "align", align: "right" }, "1b 61 02"],
    ["ESC E bold on", { op: "bold", on: true }, "1b 45 01"],
    ["ESC E bold off", { op: "bold", on: false }, "1b 45 00"],
    ["ESC - underline 2 dots", { op: "underline", dots: 2 }, "1b 2d 02"],
    ["FS - Chinese underline", { op: "chineseUnderline", dots: 1 }, "1c 2d 01"],
    ["GS ! normal", { op: "size", width: 1, height: 1 }, "1d 21 00"],
    ["GS ! 2x2", { op: "size", width: 2, height: 2 }, "1d 21 11"],
    ["GS ! 3x3", { op: "size", width: 3, height: 3 }, "1d 21 22"],
    ["GS ! width 8 height 1", { op: "size", width: 8, height: 1 }, "1d 21 70"],
    ["ESC ! print mode", { op: "printMode", mode: 0x38 }, "1b 21 38"],
    ["FS ! Chinese print mode", { op: "chinesePrintMode", mode: 0x0c }, "1c 21 0c"],
    ["GS B reverse", { op: "reverse", on: true }, "1d 42 01"],
    ["ESC 2 default line spacing", { op: "lineSpacing" }, "1b 32"],
    ["ESC 3 n line spacing", { op: "lineSpacing", dots: 40 }, "1b 33 28"],
    ["LF", { op: "newline" }, "0a"],
    ["ESC d feed lines", { op: "feedLines", lines: 3 }, "1b 64 03"],
    ["ESC J feed dots", { op: "feedDots", dots: 24 }, "1b 4a 18"],
    ["GS ( k model 2", { op: "qrModel", model: 2 }, "1d 28 6b 04 00 31 41 32 00"],
    ["GS ( k model 1", { op: "qrModel", model: 1 }, "1d 28 6b 04 00 31 41 31 00"],
    ["GS ( k module size 6", { op: "qrModuleSize", size: 6 }, "1d 28 6b 03 00 31 43 06"],
    ["GS ( k error correction M", { op: "qrErrorCorrection", level: "M" }, "1d 28 6b 03 00 31 45 31"],
    ["GS ( k error correction H", { op: "qrErrorCorrection", level: "H" }, "1d 28 6b 03 00 31 45 33"],
    ["GS ( k store", { op: "qrStore", data: "AB" }, "1d 28 6b 05 00 31 50 30 41 42"],
    ["GS ( k print", { op: "qrPrint" }, "1d 28 6b 03 00 31 51 30"],
    ["GS h barcode height", { op: "barcodeHeight", dots: 80 }, "1d 68 50"],
    ["GS w barcode width", { op: "barcodeWidth", width: 2 }, "1d 77 02"],
    ["GS H HRI below", { op: "barcodeHri", position: "below" }, "1d 48 02"],
    ["GS k CODE128 function B", { op: "barcode", symbology: "CODE128", data: "{BA1" }, "1d 6b 49 04 7b 42 41 31"],
    ["GS V full cut", { op: "cut", partial: false }, "1d 56 00"],
    ["GS V partial cut", { op: "cut", partial: true }, "1d 56 01"],
    ["GS V 65 feed and full cut", { op: "cut", partial: false, feed: 3 }, "1d 56 41 03"],
    ["GS V 66 feed and partial cut (receiptline's trailer)", { op: "cut", partial: true, feed: 0 }, "1d 56 42 00"],
    ["DLE EOT 1", { op: "realtimeStatus", n: 1 }, "10 04 01"],
    ["DLE EOT 4", { op: "realtimeStatus", n: 4 }, "10 04 04"],
    ["DLE ENQ 2 recover, clear buffers", { op: "realtimeRequest", n: 2 }, "10 05 02"],
    ["GS a ASB on (receiptio)", { op: "autoStatusBack", mask: 0xff }, "1d 61 ff"],
    ["GS r 1 paper status", { op: "paperStatus" }, "1d 72 01"],
    ["GS I model", { op: "printerId", n: 0x43 }, "1d 49 43"],
    ["raw bytes verbatim", { op: "raw", bytes: Uint8Array.of(0x1b, 0x70, 0, 25, 250) }, "1b 70 00 19 fa"],
  ])("%s", (_name, command, bytes) => {
    expect(encode(command)).toBe(bytes);
  });

  it("when the QR code of devices.md §2.4 is encoded, then the bytes match receipt-printer-encoder's output", () => {
    expect(
      encode(
        { op: "qrModel", model: 2 },
        { op: "qrModuleSize", size: 6 },
        { op: "qrErrorCorrection", level: "M" },
        { op: "qrStore", data: "https://x.cn" },
        { op: "qrPrint" },
      ),
    ).toBe(
      "1d 28 6b 04 00 31 41 32 00 1d 28 6b 03 00 31 43 06 1d 28 6b 03 00 31 45 31 " +
        "1d 28 6b 0f 00 31 50 30 68 74 74 70 73 3a 2f 2f 78 2e 63 6e 1d 28 6b 03 00 31 51 30",
    );
  });

  it("when a ticket layout is encoded, then the bytes equal the commented fixture", () => {
    expect(hex(encodeTicket(smallTicketLayout, getPrinterProfile("generic-58")))).toBe(hex(smallTicketBytes));
  });

  it("when parameters are out of range, then encoding throws instead of sending nonsense", () => {
    expect(() => encodeCommands([{ op: "size", width: 9, height: 1 }])).toThrow(RangeError);
    expect(() => encodeCommands([{ op: "feedLines", lines: 256 }])).toThrow(RangeError);
    expect(() => encodeCommands([{ op: "qrStore", data: "" }])).toThrow(RangeError);
    expect(() => encodeCommands([{ op: "barcode", symbology: "CODE39", data: "中" }])).toThrow(RangeError);
  });
});

describe("text encoding", () => {
  it("when Chinese mode is on, then text goes out as GB18030", () => {
    expect(hex(encodeCommands([{ op: "text", text: "办事A" }]))).toBe("b0 ec ca c2 41");
    expect(hex(encodeChinese("€"))).toBe("a2 e3");
    expect(hex(encodeChinese("𠀀"))).toBe("95 32 82 36"); // 4-byte GB18030
  });

  it("when the profile has GBK firmware, then characters it lacks print as ?", () => {
    expect(hex(encodeChinese("办𠀀€", "gbk"))).toBe("b0 ec 3f 3f");
  });

  it("when Chinese mode is off, then Chinese becomes ? and Latin-1 letters use the code page", () => {
    const bytes = encodeCommands([
      { op: "chineseMode", on: false },
      { op: "text", text: "办é1" },
    ]);
    expect(hex(bytes)).toBe("1c 2e 3f 82 31"); // é is 0x82 in code page 437
  });

  it("when text holds control characters, then none reaches the printer", () => {
    expect(hex(encodeCommands([{ op: "text", text: "A\u001b@\nB" }]))).toBe("41 3f 40 3f 42");
    expect(
      hex(
        encodeCommands([
          { op: "chineseMode", on: false },
          { op: "text", text: "\u0010\u0004\u0001" },
        ]),
      ),
    ).toBe("1c 2e 3f 3f 3f");
  });

  it("when ESC @ follows FS ., then Chinese mode is back as at power-up", () => {
    const bytes = encodeCommands([{ op: "chineseMode", on: false }, { op: "initialize" }, { op: "text", text: "中" }]);
    expect(hex(bytes)).toBe("1c 2e 1b 40 d6 d0");
  });
});

describe("status bytes", () => {
  it.each(Object.entries(realtimeReplies))(
    "when DLE EOT 1..4 read %s, then that is the condition",
    (condition, replies) => {
      expect(decodeRealtimeStatus(replies).condition).toBe(condition);
      for (const reply of replies) expect(isRealtimeStatusByte(reply)).toBe(true);
    },
  );

  it("when the drawer pin is high (Epson 0x16), then the printer is still fine", () => {
    const status = decodeRealtimeStatus([drawerHighReply, 0x12, 0x12, 0x12]);
    expect(status.condition).toBe("ok");
    expect(status.flags.drawerHigh).toBe(true);
  });

  it("when only the offline bit is set, then the condition is offline", () => {
    expect(decodeRealtimeStatus([0x1a, 0x12, 0x12, 0x12]).condition).toBe("offline");
    expect(decodeRealtimeStatus([0x12, 0x12, 0x32, 0x12]).condition).toBe("offline"); // unrecoverable error
  });

  it.each([
    ["ok", asbBlocks.ok, "ok"],
    ["cover open", asbBlocks.coverOpen, "cover-open"],
    ["paper out", asbBlocks.paperOut, "paper-out"],
    ["near end", asbBlocks.nearEnd, "paper-near-end"],
    ["cutter error", asbBlocks.cutterError, "cutter-error"],
  ] as const)("when an ASB block says %s, then it decodes so", (_name, block, condition) => {
    expect(isAsbHeader(block[0])).toBe(true);
    expect(decodeAsb(block).condition).toBe(condition);
  });

  it("when the virtual printer encodes the devices.md conditions, then it sends the documented bytes", () => {
    expect(encodeRealtimeStatus({ ...okFlags, paperOut: true, paperNearEnd: true })).toEqual(
      realtimeReplies["paper-out"],
    );
    expect(encodeRealtimeStatus({ ...okFlags, coverOpen: true })).toEqual(realtimeReplies["cover-open"]);
    expect(encodeRealtimeStatus({ ...okFlags, cutterError: true })).toEqual(realtimeReplies["cutter-error"]);
    expect(encodeRealtimeStatus({ ...okFlags, paperNearEnd: true })).toEqual(realtimeReplies["paper-near-end"]);
    expect(encodeAsb({ ...okFlags, coverOpen: true })).toEqual(asbBlocks.coverOpen);
  });

  it("when GS r 1 answers, then near end and paper end are read from their bit pairs", () => {
    expect(decodePaperStatus(0x00)).toEqual({ nearEnd: false, paperOut: false });
    expect(decodePaperStatus(0x03)).toEqual({ nearEnd: true, paperOut: false });
    expect(decodePaperStatus(0x0f)).toEqual({ nearEnd: true, paperOut: true });
    expect(encodePaperStatus({ nearEnd: true, paperOut: false })).toBe(0x03);
  });

  const flags = fc.record<PrinterFlags>({
    offline: fc.boolean(),
    coverOpen: fc.boolean(),
    paperNearEnd: fc.boolean(),
    paperOut: fc.boolean(),
    cutterError: fc.boolean(),
    mechanicalError: fc.boolean(),
    unrecoverableError: fc.boolean(),
    autoRecoverableError: fc.boolean(),
    feedButton: fc.boolean(),
    drawerHigh: fc.boolean(),
  });

  it("property: any state survives DLE EOT and ASB encoding with its condition intact", () => {
    fc.assert(
      fc.property(flags, (state) => {
        expect(decodeRealtimeStatus(encodeRealtimeStatus(state)).condition).toBe(conditionOf(state));
        expect(decodeAsb(encodeAsb(state)).condition).toBe(conditionOf(state));
      }),
      { numRuns: fuzzRuns },
    );
  });

  it("property: any byte decodes to some status without throwing", () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), (replies) => {
        expect(typeof decodeRealtimeStatus(replies).condition).toBe("string");
        expect(typeof decodeAsb(replies).condition).toBe("string");
      }),
      { numRuns: fuzzRuns },
    );
  });
});
