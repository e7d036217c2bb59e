/**
 * What a printer put on paper, pure: the virtual printer feeds decoded commands in print order and gets a
 * ticket record at every cut, for tests to assert on and for render.ts to draw.
 *
 *   EscPosCommand (print order) --apply--> current style + current line --LF / QR / cut--> TicketRecord
 *                                                          QR it cannot fit --> refused (nothing on paper)
 *
 * Like firmware, a QR code wider than the print width or holding more than any QR symbol can is not printed at
 * all (qrSymbol.ts); the ticket lists it under `refused` instead, so a test or the virtual hall can tell.
 */
import type { Align, BarcodeSymbology, EscPosCommand, HriPosition, QrErrorCorrection } from "./codec.ts";
import { describeQrProblem, qrSymbolProblem, type QrSymbolProblem } from "./qrSymbol.ts";

/** A run of text in one style. */
export interface TextSpan {
  readonly text: string;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly reverse: boolean;
  readonly width: number;
  readonly height: number;
}

export type TicketElement =
  /** One printed line; the style fields are those of its first character (all of them when `spans` has one). */
  | {
      readonly kind: "line";
      readonly text: string;
      readonly align: Align;
      readonly bold: boolean;
      readonly underline: boolean;
      readonly reverse: boolean;
      readonly width: number;
      readonly height: number;
      readonly spans: readonly TextSpan[];
    }
  | {
      readonly kind: "qr";
      readonly data: string;
      readonly model: 1 | 2;
      readonly moduleSize: number;
      readonly errorCorrection: QrErrorCorrection;
      readonly align: Align;
    }
  | {
      readonly kind: "barcode";
      readonly symbology: BarcodeSymbology;
      readonly data: string;
      readonly height: number;
      readonly width: number;
      readonly hri: HriPosition;
      readonly align: Align;
    }
  /** Paper fed without printing: `lines` by ESC d, `dots` by ESC J. */
  | { readonly kind: "feed"; readonly lines: number; readonly dots: number }
  /** A command the recorder keeps no structure for (raster image, drawer pulse, ...), by its first bytes. */
  | { readonly kind: "other"; readonly bytes: readonly number[] };

/** A QR code the printer was asked to print and left off the paper: its settings, why, and a sentence saying so. */
export interface RefusedQr {
  readonly kind: "qr";
  readonly data: string;
  readonly moduleSize: number;
  readonly errorCorrection: QrErrorCorrection;
  readonly problem: QrSymbolProblem;
  readonly message: string;
}

export interface TicketRecord {
  readonly elements: readonly TicketElement[];
  readonly cut: "full" | "partial";
  /** Symbols not printed because they could not fit, in order; absent when every symbol printed. */
  readonly refused?: readonly RefusedQr[];
}

export interface TicketRecorderOptions {
  /** The printable width in dots that QR codes must fit (default 576: 80 mm at 203 dpi). */
  readonly printWidthDots?: number;
  /** Told of each symbol left off the paper, as it happens. */
  readonly onRefused?: (refused: RefusedQr) => void;
}

interface Style {
  align: Align;
  bold: boolean;
  underline: boolean;
  reverse: boolean;
  width: number;
  height: number;
}

const initialStyle = (): Style => ({
  align: "left",
  bold: false,
  underline: false,
  reverse: false,
  width: 1,
  height: 1,
});

/** Builds ticket records from commands in print order. */
export class TicketRecorder {
  private elements: TicketElement[] = [];
  private refused: RefusedQr[] = [];
  private spans: TextSpan[] = [];
  private lineAlign: Align | undefined;
  private style = initialStyle();
  private qr = {
    model: 2 as 1 | 2,
    moduleSize: 3,
    errorCorrection: "L" as QrErrorCorrection,
    data: undefined as string | undefined,
  };
  private barcode = { height: 162, width: 3, hri: "none" as HriPosition };

  /** Printed lines so far (text lines and fed lines): the paper the virtual printer has used. */
  linesPrinted = 0;

  constructor(private readonly options: TicketRecorderOptions = {}) {}

  /** Apply one command; returns the finished ticket when the command was a cut. */
  apply(command: EscPosCommand): TicketRecord | undefined {
    const style = this.style;
    switch (command.op) {
      case "initialize":
        this.style = initialStyle();
        this.qr = { model: 2, moduleSize: 3, errorCorrection: "L", data: undefined };
        this.barcode = { height: 162, width: 3, hri: "none" };
        break;
      case "align":
        style.align = command.align;
        break;
      case "bold":
        style.bold = command.on;
        break;
      case "underline":
      case "chineseUnderline":
        style.underline = command.dots > 0;
        break;
      case "size":
        style.width = command.width;
        style.height = command.height;
        break;
      case "printMode":
        // ESC ! n: bit 3 emphasis, bit 4 double height, bit 5 double width, bit 7 underline.
        style.bold = (command.mode & 0x08) !== 0;
        style.height = command.mode & 0x10 ? 2 : 1;
        style.width = command.mode & 0x20 ? 2 : 1;
        style.underline = (command.mode & 0x80) !== 0;
        break;
      case "reverse":
        style.reverse = command.on;
        break;
      case "text":
        this.addText(command.text);
        break;
      case "tab":
        this.addText("\t");
        break;
      case "newline":
        this.endLine();
        break;
      case "feedLines":
        this.endLineIfStarted();
        this.elements.push({ kind: "feed", lines: command.lines, dots: 0 });
        this.linesPrinted += command.lines;
        break;
      case "feedDots":
        this.endLineIfStarted();
        this.elements.push({ kind: "feed", lines: 0, dots: command.dots });
        break;
      case "qrModel":
        this.qr.model = command.model;
        break;
      case "qrModuleSize":
        this.qr.moduleSize = command.size;
        break;
      case "qrErrorCorrection":
        this.qr.errorCorrection = command.level;
        break;
      case "qrStore":
        this.qr.data = command.data;
        break;
      case "qrPrint": {
        if (this.qr.data === undefined) break; // nothing stored: a real printer prints nothing
        const { data, moduleSize, errorCorrection } = this.qr;
        const problem = qrSymbolProblem({ data, moduleSize, errorCorrection }, this.options.printWidthDots ?? 576);
        if (problem) {
          // Firmware prints nothing for a symbol it cannot fit, and feeds no paper for it.
          const refused: RefusedQr = {
            kind: "qr",
            data,
            moduleSize,
            errorCorrection,
            problem,
            message: describeQrProblem(problem),
          };
          this.refused.push(refused);
          this.options.onRefused?.(refused);
          break;
        }
        this.endLineIfStarted();
        this.elements.push({
          kind: "qr",
          data: this.qr.data,
          model: this.qr.model,
          moduleSize: this.qr.moduleSize,
          errorCorrection: this.qr.errorCorrection,
          align: style.align,
        });
        this.linesPrinted += 4;
        break;
      }
      case "barcodeHeight":
        this.barcode.height = command.dots;
        break;
      case "barcodeWidth":
        this.barcode.width = command.width;
        break;
      case "barcodeHri":
        this.barcode.hri = command.position;
        break;
      case "barcode":
        this.endLineIfStarted();
        this.elements.push({
          kind: "barcode",
          symbology: command.symbology,
          data: command.data,
          ...this.barcode,
          align: style.align,
        });
        this.linesPrinted += 3;
        break;
      case "cut": {
        this.endLineIfStarted();
        const cut = command.partial ? "partial" : "full";
        const record: TicketRecord =
          this.refused.length > 0
            ? { elements: this.elements, cut, refused: this.refused }
            : { elements: this.elements, cut };
        this.elements = [];
        this.refused = [];
        return record;
      }
      case "raw":
        if (command.bytes[0] === 0x1d && command.bytes[1] === 0x76)
          this.elements.push({ kind: "other", bytes: [...command.bytes.subarray(0, 8)] });
        break;
      default:
        break; // mode, status and code-page commands put nothing on paper
    }
    return undefined;
  }

  /** Elements printed since the last cut (a ticket still on the roll). */
  get pending(): readonly TicketElement[] {
    return this.elements;
  }

  private addText(text: string): void {
    const { bold, underline, reverse, width, height } = this.style;
    this.lineAlign ??= this.style.align; // ESC a takes effect at the start of a line only
    const last = this.spans[this.spans.length - 1];
    if (
      last &&
      last.bold === bold &&
      last.underline === underline &&
      last.reverse === reverse &&
      last.width === width &&
      last.height === height
    )
      this.spans[this.spans.length - 1] = { ...last, text: last.text + text };
    else this.spans.push({ text, bold, underline, reverse, width, height });
  }

  private endLineIfStarted(): void {
    if (this.spans.length > 0) this.endLine();
  }

  private endLine(): void {
    const first = this.spans[0];
    const { bold, underline, reverse, width, height } = first ?? this.style;
    this.elements.push({
      kind: "line",
      text: this.spans.map((span) => span.text).join(""),
      align: this.lineAlign ?? this.style.align,
      bold,
      underline,
      reverse,
      width,
      height,
      spans: this.spans,
    });
    this.linesPrinted += height;
    this.spans = [];
    this.lineAlign = undefined;
  }
}
