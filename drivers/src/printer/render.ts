/**
 * Draw a recorded ticket for people to look at: as text (for diffs and logs) and as a PNG at the printer's own
 * resolution (one pixel per dot: 12 x 24 dot Latin cells, 24 x 24 Chinese cells, QR modules in dots).
 *
 *   TicketRecord --renderTicketText--> string
 *                --renderTicketPng---> PNG (@napi-rs/canvas; a CJK font from the system, see `ticketFont`)
 *
 * CODE128 barcodes (what the ticket builder emits) are drawn as real, scannable bars, one module per `GS w` dots.
 * The other 1-D symbologies (UPC, EAN, CODE39, ITF, CODABAR, CODE93) are rare on queue tickets and stay a
 * labelled stand-in, as does CODE128 data a printer would reject (see `code128Values`).
 */
import { existsSync } from "node:fs";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import QRCode from "qrcode";
import { displayWidth } from "./builder.ts";
import { code128Modules, code128Text } from "./code128.ts";
import type { Align } from "./codec.ts";
import type { PrinterProfile } from "./profiles.ts";
import type { TicketElement, TicketRecord } from "./record.ts";

type Geometry = Pick<PrinterProfile, "columns" | "printWidthDots">;

const pad = (text: string, width: number, align: Align, columns: number): string => {
  const room = Math.max(0, columns - width);
  const left = align === "center" ? Math.floor(room / 2) : align === "right" ? room : 0;
  return (" ".repeat(left) + text).trimEnd();
};

/** Printable ASCII as fullwidth forms, so double-width Latin text looks double width in a terminal. */
const widen = (char: string): string => {
  const code = char.charCodeAt(0);
  if (code === 0x20) return "\u3000";
  return code > 0x20 && code < 0x7f ? String.fromCharCode(code + 0xfee0) : char;
};

function textLine(element: Extract<TicketElement, { kind: "line" }>, columns: number): string {
  let out = "";
  let width = 0;
  for (const span of element.spans) {
    for (const char of span.text) {
      const cell = displayWidth(char) * span.width;
      const glyph = span.width >= 2 && displayWidth(char) === 1 ? widen(char) : char;
      out += glyph + " ".repeat(Math.max(0, cell - displayWidth(glyph)));
      width += cell;
    }
  }
  return pad(out, width, element.align, columns);
}

/** The ticket as monospaced text at the profile's column count; Chinese characters count two columns. */
export function renderTicketText(record: TicketRecord, profile: Geometry): string {
  const { columns } = profile;
  const lines: string[] = [];
  for (const element of record.elements) {
    switch (element.kind) {
      case "line":
        lines.push(textLine(element, columns));
        for (let extra = 1; extra < element.height; extra++) lines.push("");
        break;
      case "qr": {
        const label = `[QR ${element.data}]`;
        lines.push(pad(label, displayWidth(label), element.align, columns));
        break;
      }
      case "barcode": {
        const label = `[${element.symbology} ${barcodeText(element)}]`;
        lines.push(pad(label, displayWidth(label), element.align, columns));
        break;
      }
      case "feed":
        for (let i = 0; i < element.lines; i++) lines.push("");
        break;
      case "other":
        lines.push("[image]");
        break;
    }
  }
  const mark = record.cut === "partial" ? " partial cut " : " full cut ";
  const dashes = Math.max(0, columns - mark.length);
  lines.push("-".repeat(Math.floor(dashes / 2)) + mark + "-".repeat(Math.ceil(dashes / 2)));
  return lines.join("\n") + "\n";
}

const fontCandidates = [
  process.env["ONEWINDOW_TICKET_FONT"] ?? "",
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
  "/usr/share/fonts/truetype/arphic/uming.ttc",
  "/usr/share/fonts/opentype/unifont/unifont.otf",
];

let font: { family: string; path: string | undefined } | undefined;

/**
 * The font the PNG uses: the first CJK font found (ONEWINDOW_TICKET_FONT, then WenQuanYi, Noto CJK, AR PL,
 * Unifont). `path` is undefined when there is none: Chinese then draws as boxes (Debian: fonts-wqy-microhei).
 */
export function ticketFont(): { family: string; path: string | undefined } {
  if (font) return font;
  for (const path of fontCandidates) {
    if (path && existsSync(path) && GlobalFonts.registerFromPath(path, "OneWindowTicket")) {
      font = { family: "OneWindowTicket", path };
      return font;
    }
  }
  font = { family: "DejaVu Sans Mono, monospace", path: undefined };
  return font;
}

const LINE_DOTS = 30; // ESC 2 default line spacing, in dots
const CELL_HEIGHT = 24;
const MARGIN = 16;
const CUT_SPACE = 24;

function elementHeight(element: TicketElement): number {
  switch (element.kind) {
    case "line":
      return Math.max(LINE_DOTS, CELL_HEIGHT * element.height + 6);
    case "qr":
      return (
        QRCode.create(element.data, { errorCorrectionLevel: element.errorCorrection }).modules.size *
          element.moduleSize +
        8
      );
    case "barcode":
      return element.height + (element.hri === "none" ? 0 : LINE_DOTS) + 8;
    case "feed":
      return element.lines * LINE_DOTS + element.dots;
    case "other":
      return LINE_DOTS * 2;
  }
}

const alignX = (align: Align, width: number, paper: number): number =>
  align === "center"
    ? Math.max(0, Math.floor((paper - width) / 2))
    : align === "right"
      ? Math.max(0, paper - width)
      : 0;

type BarcodeElement = Extract<TicketElement, { kind: "barcode" }>;

const barcodeText = (element: BarcodeElement): string =>
  element.symbology === "CODE128" ? code128Text(element.data) : element.data;

/** Real CODE128 modules ("1" bar), or undefined for a symbology drawn as a stand-in or data a printer rejects. */
function realModules(element: BarcodeElement): string | undefined {
  if (element.symbology !== "CODE128") return undefined;
  try {
    return code128Modules(element.data);
  } catch {
    return undefined;
  }
}

/** Stand-in bars from the data's bits: looks like a barcode, says what it holds, but does not scan. */
const standInModules = (text: string): string =>
  [...text].map((char) => `1${char.charCodeAt(0).toString(2).padStart(8, "0")}0`).join("");

const QUIET_ZONE_MODULES = 10; // ISO/IEC 15417: at least 10 modules of white either side

function drawBarcode(ctx: SKRSContext2D, element: BarcodeElement, top: number, paper: number, family: string): void {
  const text = barcodeText(element);
  const modules = realModules(element) ?? standInModules(text);
  const width = modules.length * element.width;
  const left = MARGIN + alignX(element.align, width + 2 * QUIET_ZONE_MODULES * element.width, paper);
  const start = left + QUIET_ZONE_MODULES * element.width;
  ctx.fillStyle = "#000";
  // One rectangle per bar (a run of "1"s), so the PNG holds exact module edges.
  for (const run of modules.matchAll(/1+/g))
    ctx.fillRect(start + run.index * element.width, top + 4, run[0].length * element.width, element.height);
  if (element.hri !== "none") {
    ctx.font = `20px ${family}`;
    ctx.fillText(text, start + Math.max(0, (width - ctx.measureText(text).width) / 2), top + element.height + 26);
  }
}

function drawLine(
  ctx: SKRSContext2D,
  element: Extract<TicketElement, { kind: "line" }>,
  top: number,
  paper: number,
  family: string,
): void {
  const cells = element.spans.flatMap((span) =>
    [...span.text].map((char) => ({ char, span, width: (displayWidth(char) === 2 ? 24 : 12) * span.width })),
  );
  const total = cells.reduce((sum, cell) => sum + cell.width, 0);
  let x = MARGIN + alignX(element.align, total, paper);
  const baseline = top + CELL_HEIGHT * element.height - 4 * element.height;
  for (const { char, span, width } of cells) {
    const height = CELL_HEIGHT * span.height;
    const cellTop = top + CELL_HEIGHT * element.height - height;
    if (span.reverse) {
      ctx.fillStyle = "#000";
      ctx.fillRect(x, cellTop, width, height);
    }
    ctx.fillStyle = span.reverse ? "#fff" : "#000";
    ctx.save();
    ctx.translate(x, baseline);
    ctx.scale(span.width, span.height);
    ctx.font = `${span.bold ? "bold " : ""}22px ${family}`;
    const advance = ctx.measureText(char).width;
    const cell = width / span.width;
    ctx.fillText(char, Math.max(0, (cell - advance) / 2), 0);
    ctx.restore();
    if (span.underline) ctx.fillRect(x, top + CELL_HEIGHT * element.height - 1, width, span.height >= 2 ? 2 : 1);
    x += width;
  }
}

/** Draw the ticket as a receipt would look, one pixel per printer dot, white paper with margins. */
export function renderTicketPng(record: TicketRecord, profile: Geometry): Buffer {
  const paper = profile.printWidthDots;
  const { family } = ticketFont();
  const height = MARGIN + record.elements.reduce((sum, element) => sum + elementHeight(element), 0) + CUT_SPACE;
  const canvas = createCanvas(paper + 2 * MARGIN, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#000";
  let top = MARGIN;
  for (const element of record.elements) {
    switch (element.kind) {
      case "line":
        drawLine(ctx, element, top, paper, family);
        break;
      case "qr": {
        const { modules } = QRCode.create(element.data, { errorCorrectionLevel: element.errorCorrection });
        const size = modules.size * element.moduleSize;
        const left = MARGIN + alignX(element.align, size, paper);
        ctx.fillStyle = "#000";
        for (let row = 0; row < modules.size; row++)
          for (let col = 0; col < modules.size; col++)
            if (modules.get(row, col))
              ctx.fillRect(
                left + col * element.moduleSize,
                top + 4 + row * element.moduleSize,
                element.moduleSize,
                element.moduleSize,
              );
        break;
      }
      case "barcode":
        drawBarcode(ctx, element, top, paper, family);
        break;
      case "other":
        ctx.fillStyle = "#bbb";
        ctx.fillRect(MARGIN, top + 4, paper, LINE_DOTS * 2 - 8);
        break;
      case "feed":
        break;
    }
    top += elementHeight(element);
  }
  // The cut: a dashed line across the paper.
  ctx.fillStyle = "#888";
  for (let x = 0; x < canvas.width; x += 12) ctx.fillRect(x, height - 6, record.cut === "partial" ? 6 : 10, 2);
  return canvas.toBuffer("image/png");
}
