/**
 * ESC/POS codec, pure: a readable command list <-> exact bytes, and the printer's status bytes <-> typed flags.
 *
 *   EscPosBuilder / ticket layout --> EscPosCommand[] --encodeCommands--> bytes --> printer
 *   printer --> bytes --EscPosDecoder (decoder.ts)--> EscPosCommand[] --> ticket record (virtual printer)
 *
 * Every command maps to one byte sequence, so `decode(encode(commands))` gives the commands back. Byte values
 * follow devices.md §2.2-2.6 (Epson ESC/POS as implemented by Chinese-firmware printers).
 */
import iconv from "iconv-lite";

export const NUL = 0x00;
export const HT = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const DLE = 0x10;
export const ESC = 0x1b;
export const FS = 0x1c;
export const GS = 0x1d;
/** DLE EOT n: real-time status (devices.md §2.6). */
export const EOT = 0x04;
/** DLE ENQ n: real-time request, n = 1 recover and resume, 2 recover after clearing the buffers. */
export const ENQ = 0x05;

export type Align = "left" | "center" | "right";
export type QrErrorCorrection = "L" | "M" | "Q" | "H";
/** GS k function B symbologies (m = 65..73). */
export type BarcodeSymbology =
  "UPC-A" | "UPC-E" | "EAN13" | "EAN8" | "CODE39" | "ITF" | "CODABAR" | "CODE93" | "CODE128";
export type HriPosition = "none" | "above" | "below" | "both";
/** Real-time status classes of DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 roll paper sensor. */
export type StatusClass = 1 | 2 | 3 | 4;

/** One printer command. The list is what tests assert on and what the virtual printer decodes back. */
export type EscPosCommand =
  | { readonly op: "initialize" } // ESC @
  | { readonly op: "chineseMode"; readonly on: boolean } // FS & / FS .
  | { readonly op: "codeTable"; readonly table: number } // ESC t n
  | { readonly op: "charset"; readonly charset: number } // ESC R n
  | { readonly op: "align"; readonly align: Align } // ESC a n
  | { readonly op: "bold"; readonly on: boolean } // ESC E n
  | { readonly op: "underline"; readonly dots: 0 | 1 | 2 } // ESC - n
  | { readonly op: "chineseUnderline"; readonly dots: 0 | 1 | 2 } // FS - n
  | { readonly op: "size"; readonly width: number; readonly height: number } // GS ! n, 1..8 each
  | { readonly op: "printMode"; readonly mode: number } // ESC ! n
  | { readonly op: "chinesePrintMode"; readonly mode: number } // FS ! n
  | { readonly op: "reverse"; readonly on: boolean } // GS B n
  | { readonly op: "lineSpacing"; readonly dots?: number } // ESC 2 (default) / ESC 3 n
  | { readonly op: "text"; readonly text: string }
  | { readonly op: "newline" } // LF
  | { readonly op: "carriageReturn" } // CR
  | { readonly op: "tab" } // HT
  | { readonly op: "feedLines"; readonly lines: number } // ESC d n
  | { readonly op: "feedDots"; readonly dots: number } // ESC J n
  | { readonly op: "qrModel"; readonly model: 1 | 2 } // GS ( k fn 65
  | { readonly op: "qrModuleSize"; readonly size: number } // GS ( k fn 67
  | { readonly op: "qrErrorCorrection"; readonly level: QrErrorCorrection } // GS ( k fn 69
  | { readonly op: "qrStore"; readonly data: string } // GS ( k fn 80, data as UTF-8
  | { readonly op: "qrPrint" } // GS ( k fn 81
  | { readonly op: "barcodeHeight"; readonly dots: number } // GS h n
  | { readonly op: "barcodeWidth"; readonly width: number } // GS w n
  | { readonly op: "barcodeHri"; readonly position: HriPosition } // GS H n
  | { readonly op: "barcode"; readonly symbology: BarcodeSymbology; readonly data: string } // GS k m n d…
  | { readonly op: "cut"; readonly partial: boolean; readonly feed?: number } // GS V 0/1, or GS V 65/66 n
  | { readonly op: "realtimeStatus"; readonly n: StatusClass } // DLE EOT n
  | { readonly op: "realtimeRequest"; readonly n: number } // DLE ENQ n
  | { readonly op: "autoStatusBack"; readonly mask: number } // GS a n
  | { readonly op: "paperStatus" } // GS r 1: answered in order, after the data before it is printed
  | { readonly op: "printerId"; readonly n: number } // GS I n
  | { readonly op: "raw"; readonly bytes: Uint8Array }; // anything else, verbatim (decoder: unknown bytes)

/** How text commands become bytes: in Chinese mode with the profile's GB encoding, else with a code page. */
export interface EncodeOptions {
  /** GB18030 (4-byte sequences for rare characters) or GBK (older firmware: anything outside GBK becomes "?"). */
  readonly chineseEncoding?: "gb18030" | "gbk";
  /** Chinese mode at the start of the byte stream; Chinese firmware powers up in it (devices.md §2.3). */
  readonly chineseAtStart?: boolean;
}

const alignCode: Record<Align, number> = { left: 0, center: 1, right: 2 };
const eccCode: Record<QrErrorCorrection, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };
const hriCode: Record<HriPosition, number> = { none: 0, above: 1, below: 2, both: 3 };
const symbologyCode: Record<BarcodeSymbology, number> = {
  "UPC-A": 65,
  "UPC-E": 66,
  EAN13: 67,
  EAN8: 68,
  CODE39: 69,
  ITF: 70,
  CODABAR: 71,
  CODE93: 72,
  CODE128: 73,
};
const invert = <K extends string>(table: Record<K, number>): Map<number, K> =>
  new Map(Object.entries(table).map(([key, value]) => [value as number, key as K]));
export const alignByCode = invert(alignCode);
export const eccByCode = invert(eccCode);
export const hriByCode = invert(hriCode);
export const symbologyByCode = invert(symbologyCode);

/** ESC t n code tables with a single-byte encoding iconv-lite knows; others print as code page 437. */
const codeTableEncoding = new Map<number, string>([
  [0, "cp437"],
  [2, "cp850"],
  [16, "win1252"],
  [17, "cp866"],
]);
export const encodingOfCodeTable = (table: number): string => codeTableEncoding.get(table) ?? "cp437";

const byte = (value: number, what: string): number => {
  if (!Number.isInteger(value) || value < 0 || value > 255)
    throw new RangeError(`${what} must be 0..255, got ${value}`);
  return value;
};
const inRange = (value: number, min: number, max: number, what: string): number => {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${what} must be ${min}..${max}, got ${value}`);
  return value;
};

/** Encode `text` in single-byte mode: characters the code page lacks become "?" rather than mojibake. */
function encodeCodePage(text: string, table: number): Uint8Array {
  const encoding = encodingOfCodeTable(table);
  const out: number[] = [];
  for (const char of text) {
    const bytes = iconv.encode(char, encoding);
    const back = iconv.decode(bytes, encoding, { stripBOM: false });
    if (bytes.length === 1 && back === char && bytes[0]! >= 0x20) out.push(bytes[0]!);
    else out.push(0x3f);
  }
  return Uint8Array.from(out);
}

/** Encode `text` for Chinese mode. Control characters never reach the printer as text. */
export function encodeChinese(text: string, encoding: "gb18030" | "gbk" = "gb18030"): Uint8Array {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, "?");
  if (encoding === "gb18030") return iconv.encode(clean, "gb18030");
  // GBK firmware has no 4-byte glyphs; iconv's GBK maps what it lacks to "?", and 0x80 (€) is not printable.
  return iconv.encode(clean.replace(/\u20ac/g, "?"), "gbk");
}

/** The state the encoder tracks to encode text: Chinese mode and the code table. */
interface TextState {
  chinese: boolean;
  table: number;
}

function encodeOne(command: EscPosCommand, state: TextState, options: EncodeOptions): number[] | Uint8Array {
  switch (command.op) {
    case "initialize":
      state.chinese = options.chineseAtStart ?? true;
      state.table = 0;
      return [ESC, 0x40];
    case "chineseMode":
      state.chinese = command.on;
      return command.on ? [FS, 0x26] : [FS, 0x2e];
    case "codeTable":
      state.table = byte(command.table, "code table");
      return [ESC, 0x74, state.table];
    case "charset":
      return [ESC, 0x52, byte(command.charset, "charset")];
    case "align":
      return [ESC, 0x61, alignCode[command.align]];
    case "bold":
      return [ESC, 0x45, command.on ? 1 : 0];
    case "underline":
      return [ESC, 0x2d, command.dots];
    case "chineseUnderline":
      return [FS, 0x2d, command.dots];
    case "size": {
      // GS ! n: high nibble = width - 1, low nibble = height - 1 (devices.md §2.2).
      const width = inRange(command.width, 1, 8, "width");
      const height = inRange(command.height, 1, 8, "height");
      return [GS, 0x21, ((width - 1) << 4) | (height - 1)];
    }
    case "printMode":
      return [ESC, 0x21, byte(command.mode, "print mode")];
    case "chinesePrintMode":
      return [FS, 0x21, byte(command.mode, "Chinese print mode")];
    case "reverse":
      return [GS, 0x42, command.on ? 1 : 0];
    case "lineSpacing":
      return command.dots === undefined ? [ESC, 0x32] : [ESC, 0x33, byte(command.dots, "line spacing")];
    case "text":
      return state.chinese
        ? encodeChinese(command.text, options.chineseEncoding)
        : encodeCodePage(command.text, state.table);
    case "newline":
      return [LF];
    case "carriageReturn":
      return [CR];
    case "tab":
      return [HT];
    case "feedLines":
      return [ESC, 0x64, byte(command.lines, "feed lines")];
    case "feedDots":
      return [ESC, 0x4a, byte(command.dots, "feed dots")];
    case "qrModel":
      return [GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, command.model === 1 ? 0x31 : 0x32, 0x00];
    case "qrModuleSize":
      return [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, inRange(command.size, 1, 16, "QR module size")];
    case "qrErrorCorrection":
      return [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, eccCode[command.level]];
    case "qrStore": {
      // pL + 256 pH = k + 3 (devices.md §2.4). QR version 40 holds at most 7089 symbols.
      const data = new TextEncoder().encode(command.data);
      const length = inRange(data.length, 1, 7089, "QR data length") + 3;
      return [GS, 0x28, 0x6b, length & 0xff, length >> 8, 0x31, 0x50, 0x30, ...data];
    }
    case "qrPrint":
      return [GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30];
    case "barcodeHeight":
      return [GS, 0x68, inRange(command.dots, 1, 255, "barcode height")];
    case "barcodeWidth":
      return [GS, 0x77, inRange(command.width, 1, 6, "barcode module width")];
    case "barcodeHri":
      return [GS, 0x48, hriCode[command.position]];
    case "barcode": {
      // Function B: length-prefixed, so a NUL in the data cannot end the command early.
      const data = [...command.data].map((char) => {
        const code = char.charCodeAt(0);
        if (char.length !== 1 || code < 0x20 || code > 0x7e) throw new RangeError(`barcode data must be ASCII`);
        return code;
      });
      inRange(data.length, 1, 255, "barcode data length");
      return [GS, 0x6b, symbologyCode[command.symbology], data.length, ...data];
    }
    case "cut":
      return command.feed === undefined
        ? [GS, 0x56, command.partial ? 0x01 : 0x00]
        : [GS, 0x56, command.partial ? 0x42 : 0x41, byte(command.feed, "cut feed")];
    case "realtimeStatus":
      return [DLE, EOT, command.n];
    case "realtimeRequest":
      return [DLE, ENQ, byte(command.n, "real-time request")];
    case "autoStatusBack":
      return [GS, 0x61, byte(command.mask, "ASB mask")];
    case "paperStatus":
      return [GS, 0x72, 0x01];
    case "printerId":
      return [GS, 0x49, byte(command.n, "printer id")];
    case "raw":
      return command.bytes;
  }
}

/** Encode a command list to the exact bytes a printer receives. Throws RangeError on out-of-range parameters. */
export function encodeCommands(commands: readonly EscPosCommand[], options: EncodeOptions = {}): Uint8Array {
  const state: TextState = { chinese: options.chineseAtStart ?? true, table: 0 };
  const parts = commands.map((command) => encodeOne(command, state, options));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
