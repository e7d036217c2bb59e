/**
 * Builder -> command list -> bytes (after ReceiptPrinterEncoder): a fluent way to write a ticket for one printer
 * profile. Style commands are emitted only when the style changes, which keeps a ticket small (under 1 KB).
 */
import {
  encodeCommands,
  type Align,
  type BarcodeSymbology,
  type EscPosCommand,
  type HriPosition,
  type QrErrorCorrection,
} from "./codec.ts";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { PrinterProfile } from "./profiles.ts";
import { describeQrProblem, qrSymbolProblem, qrDataBytes, qrModules, qrVersionFor } from "./qrSymbol.ts";

/** Columns a string takes in font A: East Asian wide and fullwidth characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Tokens for wrapping: a run of spaces, a run of narrow non-space characters (a word), or one wide character. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let currentKind: "space" | "word" | undefined;
  for (const char of text) {
    const kind = /\s/.test(char) ? "space" : isWide(char.codePointAt(0)!) ? "wide" : "word";
    if (kind === "wide" || kind !== currentKind) {
      if (current) out.push(current);
      current = "";
    }
    if (kind === "wide") {
      out.push(char);
      currentKind = undefined;
    } else {
      current += char;
      currentKind = kind;
    }
  }
  if (current) out.push(current);
  return out;
}

const noLineStart = /^[，。、；：！？）》」』】〉”’,.;:!?)\]}]/u;

/**
 * Break `text` into lines of at most `columns` display columns. Latin words are kept whole where they fit;
 * Chinese breaks between any two characters, but not before closing punctuation. Explicit newlines are honoured.
 */
export function wrapText(text: string, columns: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let width = 0;
    for (const token of tokens(paragraph)) {
      const tokenWidth = displayWidth(token);
      if (width + tokenWidth <= columns) {
        line += token;
        width += tokenWidth;
        continue;
      }
      if (/^\s+$/.test(token)) {
        lines.push(line);
        line = "";
        width = 0;
        continue;
      }
      // Closing punctuation never starts a line (Chinese line-breaking rule): take the last character along.
      let carried = "";
      if (noLineStart.test(token) && [...line.trimEnd()].length > 1) {
        const chars = [...line.trimEnd()];
        carried = chars.pop()!;
        line = chars.join("");
      }
      if (line.trim()) lines.push(line.trimEnd());
      line = carried;
      width = displayWidth(carried);
      // A token wider than a whole line is cut by characters.
      for (const char of token) {
        const charWidth = displayWidth(char);
        if (width + charWidth > columns && line) {
          lines.push(line);
          line = "";
          width = 0;
        }
        line += char;
        width += charWidth;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export interface TextStyle {
  readonly align: Align;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly width: number;
  readonly height: number;
  readonly reverse: boolean;
}

export const defaultStyle: TextStyle = {
  align: "left",
  bold: false,
  underline: false,
  width: 1,
  height: 1,
  reverse: false,
};

export interface QrOptions {
  /**
   * Dots per module, 1..16. Default 6. Lowered to the profile's maximum, and further, down to `minModuleSize`,
   * until the symbol fits the print width.
   */
  readonly moduleSize?: number;
  /** Default M (15 % of the symbol may be lost). */
  readonly errorCorrection?: QrErrorCorrection;
  /**
   * The smallest module size the builder may shrink to, in dots; default 2 (0.25 mm at 203 dpi). One-dot modules
   * scan poorly once a thermal head's dots bleed into each other [devices.md gives no figure: a default, not a
   * vendor rule]. A requested `moduleSize` below it is kept as asked.
   */
  readonly minModuleSize?: number;
}

/** The default smallest module size the builder shrinks a QR code to (QrOptions.minModuleSize). */
export const DEFAULT_MIN_QR_MODULE_SIZE = 2;

export interface BarcodeOptions {
  readonly symbology?: BarcodeSymbology;
  readonly height?: number;
  readonly width?: number;
  readonly hri?: HriPosition;
}

/** Writes ESC/POS for one profile. `commands()` gives the readable list, `encode()` the bytes. */
export class EscPosBuilder {
  private readonly list: EscPosCommand[] = [];
  private style: TextStyle = defaultStyle;

  constructor(readonly profile: PrinterProfile) {}

  /** ESC @, then Chinese mode on (FS &) for a Chinese profile: never rely on the power-up default. */
  initialize(): this {
    this.list.push({ op: "initialize" });
    this.style = defaultStyle;
    if (this.profile.chinese) this.list.push({ op: "chineseMode", on: true });
    return this;
  }

  /** Change only what differs from the current style. */
  setStyle(next: Partial<TextStyle>): this {
    const style = { ...this.style, ...next };
    const was = this.style;
    if (style.align !== was.align) this.list.push({ op: "align", align: style.align });
    if (style.bold !== was.bold) this.list.push({ op: "bold", on: style.bold });
    if (style.underline !== was.underline) {
      this.list.push({ op: "underline", dots: style.underline ? 1 : 0 });
      if (this.profile.chinese) this.list.push({ op: "chineseUnderline", dots: style.underline ? 1 : 0 });
    }
    if (style.width !== was.width || style.height !== was.height)
      this.list.push({ op: "size", width: style.width, height: style.height });
    if (style.reverse !== was.reverse) this.list.push({ op: "reverse", on: style.reverse });
    this.style = style;
    return this;
  }

  get currentStyle(): TextStyle {
    return this.style;
  }

  /** Columns available at the current character width. */
  get columns(): number {
    return Math.floor(this.profile.columns / this.style.width);
  }

  text(text: string): this {
    if (text) this.list.push({ op: "text", text });
    return this;
  }

  /** Text followed by LF. */
  line(text = ""): this {
    return this.text(text).newline();
  }

  /** Text wrapped to the line width at the current size, one LF per line. */
  wrapped(text: string): this {
    for (const line of wrapText(text, this.columns)) this.line(line);
    return this;
  }

  newline(): this {
    this.list.push({ op: "newline" });
    return this;
  }

  feed(lines: number): this {
    if (lines > 0) this.list.push({ op: "feedLines", lines });
    return this;
  }

  /**
   * Native QR (GS ( k, model 2); a profile without it gets the data as text instead. The module size is the
   * smallest of `moduleSize`, the profile's maximum and the largest size that fits the print width (qrSymbol.ts:
   * 17 + 4·version modules, quiet zone not counted), but never below `minModuleSize`. Throws DriverError(BadPayload) with `context.reason` "qr-over-capacity" when no QR symbol holds the
   * data (UTF-8 bytes) at the error-correction level, or "qr-too-wide" when even `minModuleSize` is too wide.
   */
  qr(data: string, options: QrOptions = {}): this {
    if (!this.profile.qr) return this.wrapped(data);
    const errorCorrection = options.errorCorrection ?? "M";
    const requested = Math.min(options.moduleSize ?? 6, this.profile.maxQrModuleSize);
    const floor = Math.min(requested, options.minModuleSize ?? DEFAULT_MIN_QR_MODULE_SIZE);
    const version = qrVersionFor(qrDataBytes(data), errorCorrection);
    const fits = version === undefined ? 0 : Math.floor(this.profile.printWidthDots / qrModules(version));
    const size = Math.max(floor, Math.min(requested, fits));
    const problem = qrSymbolProblem({ data, moduleSize: size, errorCorrection }, this.profile.printWidthDots);
    if (problem)
      throw new DriverError(DriverErrorCode.BadPayload, `${describeQrProblem(problem)} (profile ${this.profile.id})`, {
        ...problem,
        reason: `qr-${problem.reason}`,
      });
    this.list.push(
      { op: "qrModel", model: 2 },
      { op: "qrModuleSize", size },
      { op: "qrErrorCorrection", level: errorCorrection },
      { op: "qrStore", data },
      { op: "qrPrint" },
    );
    return this;
  }

  /** 1-D barcode (GS k function B). CODE128 data gets code set B ("{B") unless it names a set itself. */
  barcode(data: string, options: BarcodeOptions = {}): this {
    const symbology = options.symbology ?? "CODE128";
    this.list.push(
      { op: "barcodeHeight", dots: options.height ?? 80 },
      { op: "barcodeWidth", width: options.width ?? 2 },
      { op: "barcodeHri", position: options.hri ?? "below" },
      { op: "barcode", symbology, data: symbology === "CODE128" && !data.startsWith("{") ? `{B${data}` : data },
    );
    return this;
  }

  /** Feed to the cutter and cut as the profile says (or just feed past the tear bar). */
  cut(): this {
    const { cut, cutFeed, feedBeforeCut } = this.profile;
    if (cut === "none") return this.feed(Math.max(feedBeforeCut, 4));
    if (cutFeed) this.list.push({ op: "cut", partial: cut === "partial", feed: 0 });
    else this.feed(feedBeforeCut).list.push({ op: "cut", partial: cut === "partial" });
    return this;
  }

  command(command: EscPosCommand): this {
    this.list.push(command);
    return this;
  }

  commands(): EscPosCommand[] {
    return [...this.list];
  }

  encode(): Uint8Array {
    return encodeCommands(this.list, {
      chineseEncoding: this.profile.chineseEncoding,
      chineseAtStart: this.profile.chinese,
    });
  }
}
