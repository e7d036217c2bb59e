/**
 * Incremental ESC/POS decoder, pure: the printer's side of codec.ts, used by the virtual printer.
 *
 *   chunks (split or joined anyhow) --push--> [command table: fixed, length-prefixed, NUL-terminated] --> items
 *
 * Parameters are read by a table of lengths per command (devices.md §2.7), so bytes inside QR payloads, raster
 * images or barcode data are never taken for commands. Text is decoded as it arrives: GB18030 (or GBK) while
 * Chinese mode (FS &) is on, the ESC t code page otherwise. Memory stays bounded: a command whose declared length
 * exceeds `maxCommandBytes` is skipped as it streams past (an "oversize" item), and text is emitted in pieces of
 * at most `maxTextChars` characters.
 */
import iconv from "iconv-lite";
import {
  alignByCode,
  CR,
  DLE,
  encodingOfCodeTable,
  ENQ,
  EOT,
  ESC,
  eccByCode,
  FS,
  GS,
  HT,
  hriByCode,
  LF,
  symbologyByCode,
  type BarcodeSymbology,
  type EncodeOptions,
  type EscPosCommand,
  type StatusClass,
} from "./codec.ts";

export type DecodedItem =
  | { readonly kind: "command"; readonly command: EscPosCommand }
  /** A control byte or command prefix the table does not know; only these bytes were consumed. */
  | { readonly kind: "unknown"; readonly bytes: Uint8Array }
  /** A command whose declared length exceeded the limit; its `length` bytes were skipped, not buffered. */
  | { readonly kind: "oversize"; readonly prefix: Uint8Array; readonly length: number };

export interface DecoderOptions extends EncodeOptions {
  /** Largest command kept whole (QR store, raster image, ...). Default 64 KiB + header. */
  readonly maxCommandBytes?: number;
  /** Text is emitted in pieces of at most this many characters. */
  readonly maxTextChars?: number;
}

type Parsed =
  | { readonly kind: "item"; readonly item: DecodedItem; readonly length: number }
  | { readonly kind: "incomplete"; readonly need: number }
  | { readonly kind: "skip"; readonly item: DecodedItem; readonly length: number };

const functionASymbology: readonly BarcodeSymbology[] = ["UPC-A", "UPC-E", "EAN13", "EAN8", "CODE39", "ITF", "CODABAR"];
const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
// A QR payload is stored byte for byte: a leading U+FEFF is data, not a byte-order mark to drop.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** ESC/POS commands with a fixed length and no meaning the recorder needs: kept verbatim as `raw`. */
const fixedRaw: ReadonlyMap<number, ReadonlyMap<number, number>> = new Map([
  // ESC G double strike, M font, = select peripheral, { upside down, V rotate, SP spacing, % user chars on/off,
  // r colour, T print direction, U unidirectional: 3 bytes. $ / \ positions: 4. p drawer pulse: 5. W area: 10.
  // L, S, FF page mode: 2.
  [
    ESC,
    new Map([
      [0x47, 3],
      [0x4d, 3],
      [0x3d, 3],
      [0x7b, 3],
      [0x56, 3],
      [0x20, 3],
      [0x25, 3],
      [0x72, 3],
      [0x54, 3],
      [0x55, 3],
      [0x24, 4],
      [0x5c, 4],
      [0x70, 5],
      [0x57, 10],
      [0x4c, 2],
      [0x53, 2],
      [0x0c, 2],
    ]),
  ],
  // FS W quadruple, FS C code system: 3. FS S spacing, FS p NV image: 4.
  [
    FS,
    new Map([
      [0x57, 3],
      [0x43, 3],
      [0x53, 4],
      [0x70, 4],
    ]),
  ],
  // GS f HRI font, / NV image, b smoothing, E head energy, T line start: 3. L / W / P / $ / \: 4. ^ macro: 5. : 2.
  [
    GS,
    new Map([
      [0x66, 3],
      [0x2f, 3],
      [0x62, 3],
      [0x45, 3],
      [0x54, 3],
      [0x4c, 4],
      [0x57, 4],
      [0x50, 4],
      [0x24, 4],
      [0x5c, 4],
      [0x5e, 5],
      [0x3a, 2],
    ]),
  ],
]);

/** Turns a byte stream into commands. Feed chunks with `push`; `flush` emits text still pending at the end. */
export class EscPosDecoder {
  private readonly maxCommandBytes: number;
  private readonly maxTextChars: number;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private need = 1;
  private skip = 0;
  private chinese: boolean;
  private table = 0;
  private text = "";
  private textDecoder: ReturnType<typeof iconv.getDecoder> | undefined;

  constructor(private readonly options: DecoderOptions = {}) {
    this.maxCommandBytes = options.maxCommandBytes ?? 65_536 + 16;
    this.maxTextChars = options.maxTextChars ?? 1024;
    this.chinese = options.chineseAtStart ?? true;
  }

  push(chunk: Uint8Array): DecodedItem[] {
    const out: DecodedItem[] = [];
    let data = chunk;
    if (this.skip > 0) {
      const skipped = Math.min(this.skip, data.length);
      this.skip -= skipped;
      data = data.subarray(skipped);
    }
    if (data.length === 0) return out;
    this.chunks.push(data);
    this.buffered += data.length;
    if (this.buffered < this.need) return out;
    const all = this.chunks.length === 1 ? data : Buffer.concat(this.chunks);
    this.chunks = [];
    this.buffered = 0;
    this.need = 1;
    let i = 0;
    while (i < all.length) {
      if (this.skip > 0) {
        const skipped = Math.min(this.skip, all.length - i);
        this.skip -= skipped;
        i += skipped;
        continue;
      }
      if (all[i]! >= 0x20) {
        let end = i + 1;
        while (end < all.length && all[end]! >= 0x20) end++;
        this.appendText(all.subarray(i, end), out);
        i = end;
        continue;
      }
      this.flushText(out);
      const parsed = this.parse(all, i);
      if (parsed.kind === "incomplete") {
        this.need = parsed.need;
        break;
      }
      if (parsed.kind === "skip") this.skip = parsed.length;
      else i += parsed.length;
      out.push(parsed.item);
      if (parsed.item.kind === "command") this.track(parsed.item.command);
    }
    if (i < all.length) {
      const rest = Uint8Array.from(all.subarray(i));
      this.chunks = [rest];
      this.buffered = rest.length;
    }
    return out;
  }

  /** Emit pending text (call at the end of a job or when the link goes quiet). */
  flush(): DecodedItem[] {
    const out: DecodedItem[] = [];
    this.flushText(out);
    return out;
  }

  /** Bytes held back waiting for the rest of a command; never more than maxCommandBytes. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Between commands: nothing held back and nothing left to skip. */
  get idle(): boolean {
    return this.buffered === 0 && this.skip === 0;
  }

  private appendText(bytes: Uint8Array, out: DecodedItem[]): void {
    this.textDecoder ??= iconv.getDecoder(
      this.chinese ? (this.options.chineseEncoding ?? "gb18030") : encodingOfCodeTable(this.table),
      { stripBOM: false },
    );
    this.text += this.textDecoder.write(Buffer.from(bytes));
    while (this.text.length >= this.maxTextChars) {
      out.push({ kind: "command", command: { op: "text", text: this.text.slice(0, this.maxTextChars) } });
      this.text = this.text.slice(this.maxTextChars);
    }
  }

  private flushText(out: DecodedItem[]): void {
    if (!this.textDecoder) return;
    const text = this.text + (this.textDecoder.end() ?? "");
    this.textDecoder = undefined;
    this.text = "";
    if (text) out.push({ kind: "command", command: { op: "text", text } });
  }

  /** Mode changes that decide how later text bytes decode. */
  private track(command: EscPosCommand): void {
    if (command.op === "initialize") {
      this.chinese = this.options.chineseAtStart ?? true;
      this.table = 0;
    } else if (command.op === "chineseMode") this.chinese = command.on;
    else if (command.op === "codeTable") this.table = command.table;
  }

  private parse(data: Uint8Array, i: number): Parsed {
    const available = data.length - i;
    const at = (offset: number): number => data[i + offset]!;
    const command = (cmd: EscPosCommand, length: number): Parsed => ({
      kind: "item",
      item: { kind: "command", command: cmd },
      length,
    });
    const raw = (length: number): Parsed => command({ op: "raw", bytes: data.slice(i, i + length) }, length);
    const unknown = (length: number): Parsed => ({
      kind: "item",
      item: { kind: "unknown", bytes: data.slice(i, i + length) },
      length,
    });
    /** A command of `header` bytes followed by `body` data bytes; skipped when too large to hold. */
    const sized = (header: number, body: number, decode: () => Parsed): Parsed => {
      const total = header + body;
      if (total > this.maxCommandBytes)
        return {
          kind: "skip",
          item: { kind: "oversize", prefix: data.slice(i, i + header), length: total },
          length: total,
        };
      return available < total ? { kind: "incomplete", need: total } : decode();
    };
    const withParams = (length: number, decode: () => Parsed): Parsed =>
      available < length ? { kind: "incomplete", need: length } : decode();

    const first = at(0);
    if (first === LF) return command({ op: "newline" }, 1);
    if (first === CR) return command({ op: "carriageReturn" }, 1);
    if (first === HT) return command({ op: "tab" }, 1);
    if (first !== ESC && first !== GS && first !== FS && first !== DLE) return unknown(1);
    if (available < 2) return { kind: "incomplete", need: 2 };
    const second = at(1);

    if (first === DLE) {
      if (second === EOT)
        return withParams(3, () =>
          at(2) >= 1 && at(2) <= 4 ? command({ op: "realtimeStatus", n: at(2) as StatusClass }, 3) : raw(3),
        );
      if (second === ENQ) return withParams(3, () => command({ op: "realtimeRequest", n: at(2) }, 3));
      // DLE DC4 fn: fn 1 (pulse) and 2 (power off) take 5 bytes, fn 8 (clear buffers) 10.
      if (second === 0x14)
        return withParams(3, () => (at(2) === 8 ? withParams(10, () => raw(10)) : withParams(5, () => raw(5))));
      return unknown(1);
    }

    const fixed = fixedRaw.get(first)?.get(second);
    if (fixed !== undefined) return withParams(fixed, () => raw(fixed));

    if (first === ESC) {
      switch (second) {
        case 0x40:
          return command({ op: "initialize" }, 2);
        case 0x32:
          return command({ op: "lineSpacing" }, 2);
        case 0x69: // ESC i, ESC m: legacy partial cuts
        case 0x6d:
          return command({ op: "cut", partial: true }, 2);
      }
      if (available < 3) return { kind: "incomplete", need: 3 };
      const n = at(2);
      switch (second) {
        case 0x21:
          return command({ op: "printMode", mode: n }, 3);
        case 0x2d:
          return (n & 0x0f) <= 2 && (n === (n & 0x0f) || n >> 4 === 3)
            ? command({ op: "underline", dots: (n & 0x0f) as 0 | 1 | 2 }, 3)
            : raw(3);
        case 0x33:
          return command({ op: "lineSpacing", dots: n }, 3);
        case 0x45:
          return command({ op: "bold", on: (n & 1) === 1 }, 3);
        case 0x4a:
          return command({ op: "feedDots", dots: n }, 3);
        case 0x64:
          return command({ op: "feedLines", lines: n }, 3);
        case 0x52:
          return command({ op: "charset", charset: n }, 3);
        case 0x74:
          return command({ op: "codeTable", table: n }, 3);
        case 0x61: {
          const align = alignByCode.get(n >= 0x30 ? n - 0x30 : n);
          return align ? command({ op: "align", align }, 3) : raw(3);
        }
        case 0x63: // ESC c 3 n / c 4 n / c 5 n: panel and sensor settings
          return withParams(4, () => raw(4));
        case 0x2a: // ESC * m nL nH d...: bit image, 3 bytes per column in 24-dot modes
          return withParams(5, () => {
            const body = (at(3) + at(4) * 256) * (at(2) <= 1 ? 1 : 3);
            return sized(5, body, () => raw(5 + body));
          });
        case 0x44: {
          // ESC D n1...nk NUL: tab stops, at most 32
          const end = data.subarray(i + 2, i + 35).indexOf(0);
          if (end >= 0) return raw(end + 3);
          return available >= 35 ? unknown(2) : { kind: "incomplete", need: available + 1 };
        }
      }
      return unknown(2);
    }

    if (first === FS) {
      if (second === 0x26) return command({ op: "chineseMode", on: true }, 2);
      if (second === 0x2e) return command({ op: "chineseMode", on: false }, 2);
      if (second === 0x21) return withParams(3, () => command({ op: "chinesePrintMode", mode: at(2) }, 3));
      if (second === 0x2d)
        return withParams(3, () => {
          const dots = at(2) >= 0x30 ? at(2) - 0x30 : at(2);
          return dots <= 2 ? command({ op: "chineseUnderline", dots: dots as 0 | 1 | 2 }, 3) : raw(3);
        });
      return unknown(2);
    }

    // GS
    switch (second) {
      case 0x28: // GS ( fn pL pH ...: length-prefixed function blocks; QR when fn = k
        return withParams(5, () => {
          const length = at(3) + at(4) * 256;
          return sized(5, length, () => (at(2) === 0x6b ? this.qr(data, i, length) : raw(5 + length)));
        });
      case 0x38: // GS 8 L p1 p2 p3 p4 ...: 32-bit length
        return withParams(7, () => {
          if (at(2) !== 0x4c) return unknown(2);
          const body = at(3) + at(4) * 2 ** 8 + at(5) * 2 ** 16 + at(6) * 2 ** 24;
          return sized(7, body, () => raw(7 + body));
        });
      case 0x76: // GS v 0 m xL xH yL yH d...: raster image, x bytes wide, y dots high
        return withParams(8, () => {
          if (at(2) !== 0x30) return unknown(2);
          const body = (at(4) + at(5) * 256) * (at(6) + at(7) * 256);
          return sized(8, body, () => raw(8 + body));
        });
      case 0x2a: // GS * x y d...: downloaded bit image, x*y*8 bytes
        return withParams(4, () => {
          const body = at(2) * at(3) * 8;
          return sized(4, body, () => raw(4 + body));
        });
      case 0x56: // GS V m [n]
        return withParams(3, () => {
          const m = at(2);
          if (m === 0 || m === 1 || m === 0x30 || m === 0x31) return command({ op: "cut", partial: (m & 1) === 1 }, 3);
          if (m === 65 || m === 66)
            return withParams(4, () => command({ op: "cut", partial: m === 66, feed: at(3) }, 4));
          if (m === 97 || m === 98 || m === 103 || m === 104) return withParams(4, () => raw(4));
          return unknown(2);
        });
      case 0x6b: // GS k m ...
        return withParams(3, () => this.barcode(data, i, available));
    }
    return withParams(3, () => {
      const n = data[i + 2]!;
      switch (second) {
        case 0x21:
          return (n & 0x88) === 0 ? command({ op: "size", width: (n >> 4) + 1, height: (n & 0x0f) + 1 }, 3) : raw(3);
        case 0x42:
          return command({ op: "reverse", on: (n & 1) === 1 }, 3);
        case 0x48: {
          const position = hriByCode.get(n >= 0x30 ? n - 0x30 : n);
          return position ? command({ op: "barcodeHri", position }, 3) : raw(3);
        }
        case 0x68:
          return n >= 1 ? command({ op: "barcodeHeight", dots: n }, 3) : raw(3);
        case 0x77:
          return n >= 1 && n <= 6 ? command({ op: "barcodeWidth", width: n }, 3) : raw(3);
        case 0x61:
          return command({ op: "autoStatusBack", mask: n }, 3);
        case 0x72:
          return n === 1 || n === 0x31 ? command({ op: "paperStatus" }, 3) : raw(3);
        case 0x49:
          return command({ op: "printerId", n }, 3);
      }
      return unknown(2);
    });
  }

  /** GS ( k pL pH cn fn ...: the QR functions of devices.md §2.4; anything else stays raw. */
  private qr(data: Uint8Array, i: number, length: number): Parsed {
    const total = 5 + length;
    const body = data.subarray(i + 5, i + total);
    const item = (command: EscPosCommand): Parsed => ({
      kind: "item",
      item: { kind: "command", command },
      length: total,
    });
    const raw = (): Parsed => item({ op: "raw", bytes: data.slice(i, i + total) });
    if (body[0] !== 0x31) return raw();
    const fn = body[1];
    const n = body[2] ?? -1;
    if (fn === 0x41 && length === 4 && (n === 0x31 || n === 0x32))
      return item({ op: "qrModel", model: n === 0x31 ? 1 : 2 });
    if (fn === 0x43 && length === 3 && n >= 1 && n <= 16) return item({ op: "qrModuleSize", size: n });
    if (fn === 0x45 && length === 3) {
      const level = eccByCode.get(n);
      return level ? item({ op: "qrErrorCorrection", level }) : raw();
    }
    if (fn === 0x50 && n === 0x30 && length > 3) return item({ op: "qrStore", data: utf8.decode(body.subarray(3)) });
    if (fn === 0x51 && length === 3 && n === 0x30) return item({ op: "qrPrint" });
    return raw();
  }

  /** GS k: function A (m 0..6, NUL-terminated) or function B (m 65..73, length-prefixed). */
  private barcode(data: Uint8Array, i: number, available: number): Parsed {
    const m = data[i + 2]!;
    const barcode = (symbology: BarcodeSymbology, bytes: Uint8Array, length: number): Parsed => ({
      kind: "item",
      item: { kind: "command", command: { op: "barcode", symbology, data: latin1(bytes) } },
      length,
    });
    const a = functionASymbology[m];
    if (a) {
      const end = data.subarray(i + 3, i + 3 + 256).indexOf(0);
      if (end >= 0) return barcode(a, data.subarray(i + 3, i + 3 + end), end + 4);
      return available >= 3 + 256
        ? { kind: "item", item: { kind: "unknown", bytes: data.slice(i, i + 3) }, length: 3 }
        : { kind: "incomplete", need: available + 1 };
    }
    const b = symbologyByCode.get(m);
    if (!b) return { kind: "item", item: { kind: "unknown", bytes: data.slice(i, i + 3) }, length: 3 };
    if (available < 4) return { kind: "incomplete", need: 4 };
    const n = data[i + 3]!;
    if (available < 4 + n) return { kind: "incomplete", need: 4 + n };
    return barcode(b, data.subarray(i + 4, i + 4 + n), 4 + n);
  }
}
