/**
 * Block layouts, pure: a readable form of a command list (text, columns, rules, QR codes, barcodes, feeds), turned
 * into commands for one printer profile. What a queue ticket says and how it is laid out is the station's
 * (station-agent/src/ticket/); the driver prints commands, bytes, or blocks like these.
 *
 *   TicketLayout --ticketCommands(profile)--> EscPosCommand[] --encodeCommands--> bytes
 */
import type { Align, BarcodeSymbology, EscPosCommand, QrErrorCorrection } from "./codec.ts";
import { displayWidth, EscPosBuilder } from "./builder.ts";
import type { PrinterProfile } from "./profiles.ts";

export type TicketBlock =
  | {
      readonly kind: "text";
      readonly text: string;
      readonly align?: Align;
      /** Character width and height multipliers, 1..8. */
      readonly width?: number;
      readonly height?: number;
      readonly bold?: boolean;
      readonly underline?: boolean;
      readonly reverse?: boolean;
    }
  /** A label on the left and a value on the right of one line, e.g. "等待人数      12". */
  | { readonly kind: "columns"; readonly left: string; readonly right: string; readonly bold?: boolean }
  /** A full-width line of `char` (default "-"). */
  | { readonly kind: "rule"; readonly char?: string }
  | {
      readonly kind: "qr";
      readonly data: string;
      /** Dots per module; shrunk to fit the roll down to `minModuleSize` (EscPosBuilder.qr). */
      readonly moduleSize?: number;
      readonly errorCorrection?: QrErrorCorrection;
      readonly minModuleSize?: number;
      readonly align?: Align;
    }
  | {
      readonly kind: "barcode";
      readonly data: string;
      readonly symbology?: BarcodeSymbology;
      readonly height?: number;
      readonly align?: Align;
    }
  | { readonly kind: "feed"; readonly lines: number };

export interface TicketLayout {
  readonly blocks: readonly TicketBlock[];
  /** Cut at the end (default true). */
  readonly cut?: boolean;
}

/**
 * The command list for `layout` on `profile`: initialise, Chinese mode, blocks, cut. Text wraps to the roll; QR
 * codes shrink to fit it. Throws DriverError(BadPayload) for a QR code that cannot print (EscPosBuilder.qr).
 */
export function ticketCommands(layout: TicketLayout, profile: PrinterProfile): EscPosCommand[] {
  return ticketBuilder(layout, profile).commands();
}

/** The bytes for `layout` on `profile`. */
export function encodeTicket(layout: TicketLayout, profile: PrinterProfile): Uint8Array {
  return ticketBuilder(layout, profile).encode();
}

function ticketBuilder(layout: TicketLayout, profile: PrinterProfile): EscPosBuilder {
  const builder = new EscPosBuilder(profile).initialize();
  for (const block of layout.blocks) {
    switch (block.kind) {
      case "text":
        builder
          .setStyle({
            align: block.align ?? "left",
            width: block.width ?? 1,
            height: block.height ?? 1,
            bold: block.bold ?? false,
            underline: block.underline ?? false,
            reverse: block.reverse ?? false,
          })
          .wrapped(block.text);
        break;
      case "columns": {
        builder.setStyle({
          align: "left",
          width: 1,
          height: 1,
          bold: block.bold ?? false,
          underline: false,
          reverse: false,
        });
        const gap = profile.columns - displayWidth(block.left) - displayWidth(block.right);
        if (gap >= 1) builder.line(`${block.left}${" ".repeat(gap)}${block.right}`);
        else builder.wrapped(block.left).setStyle({ align: "right" }).wrapped(block.right);
        break;
      }
      case "rule": {
        builder.setStyle({ align: "left", width: 1, height: 1, bold: false, underline: false, reverse: false });
        const char = block.char ?? "-";
        builder.line(char.repeat(Math.max(1, Math.floor(profile.columns / Math.max(1, displayWidth(char))))));
        break;
      }
      case "qr":
        builder.setStyle({ align: block.align ?? "center" });
        builder.qr(block.data, {
          moduleSize: block.moduleSize,
          errorCorrection: block.errorCorrection,
          minModuleSize: block.minModuleSize,
        });
        break;
      case "barcode":
        builder.setStyle({ align: block.align ?? "center" });
        builder.barcode(block.data, { symbology: block.symbology, height: block.height });
        break;
      case "feed":
        builder.feed(block.lines);
        break;
    }
  }
  if (layout.cut ?? true) builder.setStyle({ align: "left" }).cut();
  return builder;
}
