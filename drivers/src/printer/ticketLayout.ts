/**
 * Ticket layouts, pure: what to print as plain data, turned into commands for one printer profile.
 *
 *   TicketLayout --ticketCommands(profile)--> EscPosCommand[] --encodeCommands--> bytes
 *
 * `queueTicketLayout` is the hall's queue ticket (roadmap kiosk.md §4): hall, item, number in large type, people
 * ahead, expected wait, where to go, masked name, time, materials hint and a QR code to the status page.
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

/** What a queue ticket shows. Times and names arrive formatted: the layout stays pure and timezone-free. */
export interface QueueTicketContent {
  readonly hallName: string;
  readonly itemName: string;
  /** The ticket number, e.g. "A023". */
  readonly number: string;
  readonly peopleAhead: number;
  readonly expectedWaitMinutes: number;
  /** Issue time as printed, e.g. "2025-11-27 09:30". */
  readonly issuedAt: string;
  /** Where to wait or which windows serve the item, e.g. "二楼 B区 5-8号窗口". */
  readonly location?: string;
  /** Already masked (`maskName` of @onewindow/contract); only when a card was read. */
  readonly holderName?: string;
  /** A short hint of the required materials. */
  readonly materialsHint?: string;
  /** Link to the mobile status page; printed as a QR code. */
  readonly statusUrl?: string;
  readonly language?: "zh" | "en";
}

const labels = {
  zh: {
    ahead: (n: number) => `您前面还有 ${n} 人`,
    wait: (m: number) => `预计等待约 ${m} 分钟`,
    location: "办理地点",
    name: "姓名",
    time: "取号时间",
    materials: "请备好",
    scan: "扫码查看排队进度",
    footer: "请留意叫号，过号请到服务台",
    sep: "：",
  },
  en: {
    ahead: (n: number) => `${n} ${n === 1 ? "person" : "people"} ahead of you`,
    wait: (m: number) => `Expected wait: about ${m} min`,
    location: "Go to",
    name: "Name",
    time: "Issued",
    materials: "Bring",
    scan: "Scan to follow your place in the queue",
    footer: "Please listen for your number",
    sep: ": ",
  },
} as const;

/** The queue ticket's layout; the number is as large as the roll allows (3x on 58 mm, 4x on 80 mm). */
export function queueTicketLayout(content: QueueTicketContent, profile: PrinterProfile): TicketLayout {
  const text = labels[content.language ?? "zh"];
  const numberSize = Math.max(
    1,
    Math.min(profile.columns >= 48 ? 4 : 3, Math.floor(profile.columns / Math.max(1, displayWidth(content.number)))),
  );
  const field = (label: string, value: string): TicketBlock => ({ kind: "text", text: `${label}${text.sep}${value}` });
  const blocks: TicketBlock[] = [
    { kind: "text", text: content.hallName, align: "center", bold: true, width: 1, height: 2 },
    { kind: "text", text: content.itemName, align: "center" },
    { kind: "rule" },
    { kind: "text", text: content.number, align: "center", bold: true, width: numberSize, height: numberSize },
    { kind: "text", text: text.ahead(content.peopleAhead), align: "center" },
    { kind: "text", text: text.wait(content.expectedWaitMinutes), align: "center" },
    { kind: "rule" },
  ];
  if (content.location) blocks.push(field(text.location, content.location));
  if (content.holderName) blocks.push(field(text.name, content.holderName));
  blocks.push(field(text.time, content.issuedAt));
  if (content.materialsHint) blocks.push(field(text.materials, content.materialsHint));
  if (content.statusUrl) {
    blocks.push({ kind: "qr", data: content.statusUrl, moduleSize: profile.columns >= 48 ? 6 : 5 });
    blocks.push({ kind: "text", text: text.scan, align: "center" });
  }
  blocks.push({ kind: "text", text: text.footer, align: "center" });
  return { blocks };
}
