import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeCommands, type EscPosCommand } from "./codec.ts";
import { EscPosDecoder, type DecodedItem } from "./escposParser.ts";
import { fuzzRuns, smallTicketBytes } from "./fixtures.ts";

const decodeAll = (chunks: Uint8Array[], options = {}): DecodedItem[] => {
  const decoder = new EscPosDecoder(options);
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.flush()];
};
const commandsOf = (items: DecodedItem[]): EscPosCommand[] =>
  items.flatMap((item) => (item.kind === "command" ? [item.command] : []));

/** Adjacent text commands are one run of text to a printer. */
const mergeText = (commands: readonly EscPosCommand[]): EscPosCommand[] =>
  commands.reduce<EscPosCommand[]>((out, command) => {
    const last = out[out.length - 1];
    if (command.op === "text" && last?.op === "text")
      out[out.length - 1] = { op: "text", text: last.text + command.text };
    else if (command.op !== "text" || command.text) out.push(command);
    return out;
  }, []);

const splitAt = (bytes: Uint8Array, cuts: number[]): Uint8Array[] => {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
};

describe("EscPosDecoder", () => {
  const ticket = commandsOf(decodeAll([smallTicketBytes]));

  it("when the fixture ticket arrives, then it decodes to the readable command list", () => {
    expect(ticket).toEqual([
      { op: "initialize" },
      { op: "chineseMode", on: true },
      { op: "align", align: "center" },
      { op: "bold", on: true },
      { op: "size", width: 2, height: 2 },
      { op: "text", text: "办事" },
      { op: "newline" },
      { op: "align", align: "left" },
      { op: "bold", on: false },
      { op: "size", width: 1, height: 1 },
      { op: "text", text: "A001" },
      { op: "newline" },
      { op: "align", align: "center" },
      { op: "qrModel", model: 2 },
      { op: "qrModuleSize", size: 6 },
      { op: "qrErrorCorrection", level: "M" },
      { op: "qrStore", data: "https://x.cn" },
      { op: "qrPrint" },
      { op: "align", align: "left" },
      { op: "cut", partial: true, feed: 0 },
    ]);
  });

  it("when the ticket arrives split at every single offset, then the commands are the same", () => {
    for (let cut = 0; cut <= smallTicketBytes.length; cut++)
      expect(mergeText(commandsOf(decodeAll(splitAt(smallTicketBytes, [cut]))))).toEqual(ticket);
  });

  it("when the ticket arrives one byte at a time, then the commands are the same", () => {
    const bytes = [...smallTicketBytes].map((b) => Uint8Array.of(b));
    expect(mergeText(commandsOf(decodeAll(bytes)))).toEqual(ticket);
  });

  it("when two jobs arrive in one chunk, then both decode", () => {
    const both = new Uint8Array([...smallTicketBytes, ...smallTicketBytes]);
    expect(commandsOf(decodeAll([both]))).toEqual([...ticket, ...ticket]);
  });

  it("when DLE EOT bytes sit inside QR data, then they stay data", () => {
    const bytes = encodeCommands([{ op: "qrStore", data: "\u0010\u0004\u0001" }]);
    expect(commandsOf(decodeAll([bytes]))).toEqual([{ op: "qrStore", data: "\u0010\u0004\u0001" }]);
  });

  it("when QR data starts with U+FEFF, then it is kept as data, not dropped as a byte-order mark", () => {
    // Found by fuzzing at FUZZ_RUNS=400000 (seed 144933730).
    const bytes = encodeCommands([{ op: "qrStore", data: "\uFEFF\u0000" }]);
    expect(commandsOf(decodeAll([bytes]))).toEqual([{ op: "qrStore", data: "\uFEFF\u0000" }]);
  });

  it("when a raster image arrives, then its data is skipped as one raw command", () => {
    const image = Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x10, 0x04, 0x01, 0x0a, 0x41);
    const items = decodeAll([image]);
    expect(items[0]).toMatchObject({ kind: "command", command: { op: "raw" } });
    expect(commandsOf(items).slice(1)).toEqual([{ op: "text", text: "A" }]);
  });

  it("when a command declares more than the limit, then its bytes stream past without being held", () => {
    const decoder = new EscPosDecoder({ maxCommandBytes: 64 });
    const header = Uint8Array.of(0x1d, 0x28, 0x6b, 0xe8, 0x03, 0x31, 0x50, 0x30); // 1000 bytes of QR data
    const items = decoder.push(header);
    expect(items).toEqual([{ kind: "oversize", prefix: Uint8Array.of(0x1d, 0x28, 0x6b, 0xe8, 0x03), length: 1005 }]);
    for (let i = 0; i < 997; i += 100)
      expect(decoder.push(new Uint8Array(Math.min(100, 997 - i)).fill(0x41))).toEqual([]);
    expect(decoder.pendingBytes).toBe(0);
    expect(commandsOf(decoder.push(Uint8Array.of(0x1b, 0x40)))).toEqual([{ op: "initialize" }]);
  });

  it("when an unknown command or stray control byte arrives, then it is reported and decoding goes on", () => {
    const items = decodeAll([Uint8Array.of(0x1b, 0x99, 0x07, 0x41, 0x0a)]);
    expect(items).toEqual([
      { kind: "unknown", bytes: Uint8Array.of(0x1b, 0x99) },
      { kind: "unknown", bytes: Uint8Array.of(0x07) },
      { kind: "command", command: { op: "text", text: "A" } },
      { kind: "command", command: { op: "newline" } },
    ]);
  });

  it("when a GB18030 character is split across chunks, then it decodes whole", () => {
    const bytes = encodeCommands([{ op: "text", text: "政务" }, { op: "newline" }]);
    expect(commandsOf(decodeAll([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)]))).toEqual([
      { op: "text", text: "政务" },
      { op: "newline" },
    ]);
  });

  it("when Chinese mode is off, then text decodes with the code page", () => {
    expect(commandsOf(decodeAll([Uint8Array.of(0x1c, 0x2e, 0x82, 0x41, 0x1c, 0x26, 0xd6, 0xd0)]))).toEqual([
      { op: "chineseMode", on: false },
      { op: "text", text: "éA" },
      { op: "chineseMode", on: true },
      { op: "text", text: "中" },
    ]);
  });

  it("when legacy and function-A forms arrive, then they decode to the same commands", () => {
    const bytes = Uint8Array.of(0x1b, 0x69, 0x1d, 0x6b, 0x04, 0x41, 0x42, 0x00, 0x1d, 0x56, 0x31, 0x1b, 0x61, 0x32);
    expect(commandsOf(decodeAll([bytes]))).toEqual([
      { op: "cut", partial: true },
      { op: "barcode", symbology: "CODE39", data: "AB" },
      { op: "cut", partial: true },
      { op: "align", align: "right" },
    ]);
  });

  it("when text is very long, then it comes out in bounded pieces", () => {
    const items = decodeAll([new Uint8Array(5000).fill(0x41)], { maxTextChars: 1024 });
    expect(
      items.every((item) => item.kind === "command" && item.command.op === "text" && item.command.text.length <= 1024),
    ).toBe(true);
    expect(
      commandsOf(items)
        .map((c) => (c.op === "text" ? c.text : ""))
        .join(""),
    ).toHaveLength(5000);
  });
});

// ---- Property-based fuzzing ---------------------------------------------------------------------------------

const textArb = fc
  .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x4e00, max: 0x9fa5 })), {
    minLength: 1,
    maxLength: 12,
  })
  .map((codes) => String.fromCodePoint(...codes));

const commandArb: fc.Arbitrary<EscPosCommand> = fc.oneof(
  fc.constant<EscPosCommand>({ op: "initialize" }),
  fc.constant<EscPosCommand>({ op: "chineseMode", on: true }),
  fc.constantFrom<EscPosCommand>(
    { op: "align", align: "left" },
    { op: "align", align: "center" },
    { op: "align", align: "right" },
  ),
  fc.boolean().map<EscPosCommand>((on) => ({ op: "bold", on })),
  fc.constantFrom<0 | 1 | 2>(0, 1, 2).map<EscPosCommand>((dots) => ({ op: "underline", dots })),
  fc.constantFrom<0 | 1 | 2>(0, 1, 2).map<EscPosCommand>((dots) => ({ op: "chineseUnderline", dots })),
  fc
    .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }))
    .map<EscPosCommand>(([width, height]) => ({ op: "size", width, height })),
  fc.nat(255).map<EscPosCommand>((mode) => ({ op: "printMode", mode })),
  fc.boolean().map<EscPosCommand>((on) => ({ op: "reverse", on })),
  fc
    .option(fc.nat(255), { nil: undefined })
    .map<EscPosCommand>((dots) => (dots === undefined ? { op: "lineSpacing" } : { op: "lineSpacing", dots })),
  textArb.map<EscPosCommand>((text) => ({ op: "text", text })),
  fc.constantFrom<EscPosCommand>({ op: "newline" }, { op: "carriageReturn" }, { op: "tab" }),
  fc.nat(255).map<EscPosCommand>((lines) => ({ op: "feedLines", lines })),
  fc.nat(255).map<EscPosCommand>((dots) => ({ op: "feedDots", dots })),
  fc.constantFrom<1 | 2>(1, 2).map<EscPosCommand>((model) => ({ op: "qrModel", model })),
  fc.integer({ min: 1, max: 16 }).map<EscPosCommand>((size) => ({ op: "qrModuleSize", size })),
  fc.constantFrom("L", "M", "Q", "H" as const).map<EscPosCommand>((level) => ({ op: "qrErrorCorrection", level })),
  fc
    .string({ minLength: 1, maxLength: 200, unit: "binary" })
    .filter((s) => !/[\ud800-\udfff]/.test(s))
    .map<EscPosCommand>((data) => ({ op: "qrStore", data })),
  fc.constant<EscPosCommand>({ op: "qrPrint" }),
  fc.integer({ min: 1, max: 255 }).map<EscPosCommand>((dots) => ({ op: "barcodeHeight", dots })),
  fc.integer({ min: 1, max: 6 }).map<EscPosCommand>((width) => ({ op: "barcodeWidth", width })),
  fc
    .constantFrom("none", "above", "below", "both" as const)
    .map<EscPosCommand>((position) => ({ op: "barcodeHri", position })),
  fc
    .string({
      minLength: 1,
      maxLength: 40,
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    })
    .map<EscPosCommand>((data) => ({ op: "barcode", symbology: "CODE128", data })),
  fc
    .tuple(fc.boolean(), fc.option(fc.nat(255), { nil: undefined }))
    .map<EscPosCommand>(([partial, feed]) =>
      feed === undefined ? { op: "cut", partial } : { op: "cut", partial, feed },
    ),
  fc.constantFrom<1 | 2 | 3 | 4>(1, 2, 3, 4).map<EscPosCommand>((n) => ({ op: "realtimeStatus", n })),
  fc.nat(255).map<EscPosCommand>((n) => ({ op: "realtimeRequest", n })),
  fc.nat(255).map<EscPosCommand>((mask) => ({ op: "autoStatusBack", mask })),
  fc.constant<EscPosCommand>({ op: "paperStatus" }),
  fc.nat(255).map<EscPosCommand>((n) => ({ op: "printerId", n })),
);

describe("EscPosDecoder fuzzing", () => {
  const ticket = commandsOf(decodeAll([smallTicketBytes]));

  it(`property: decode(encode(commands)) gives the commands back, however the bytes are chunked (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.array(commandArb, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), (commands, cuts) => {
        const bytes = encodeCommands(commands);
        expect(mergeText(commandsOf(decodeAll(splitAt(bytes, cuts))))).toEqual(mergeText(commands));
      }),
      { numRuns: fuzzRuns },
    );
  });

  it(`property: random bytes never throw and never hold more than the limit (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
        const decoder = new EscPosDecoder({ maxCommandBytes: 128, maxTextChars: 64 });
        for (const chunk of chunks) {
          decoder.push(chunk);
          expect(decoder.pendingBytes).toBeLessThanOrEqual(128);
        }
        decoder.flush();
      }),
      { numRuns: fuzzRuns },
    );
  });

  it(`property: after garbage that ends between commands, a job decodes exactly (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(), { maxLength: 4 }), (garbage, cuts) => {
        const decoder = new EscPosDecoder({ maxCommandBytes: 4096 });
        decoder.push(garbage);
        fc.pre(decoder.pendingBytes === 0 && decoder.idle);
        const items = splitAt(smallTicketBytes, cuts).flatMap((chunk) => decoder.push(chunk));
        const commands = mergeText(commandsOf(items));
        // Text left over from the garbage is flushed by the job's first control byte (ESC @).
        const start = commands.findIndex(
          (command, i) => command.op === "initialize" && commands[i + 1]?.op === "chineseMode",
        );
        expect(commands.slice(start)).toEqual(ticket);
      }),
      { numRuns: fuzzRuns },
    );
  });
});
