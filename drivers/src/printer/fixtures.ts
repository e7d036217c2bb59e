/**
 * Wire bytes for the printer tests, with a comment per byte (after zigbee-herdsman's test/adapter/ember/consts.ts).
 * The QR and status values are the ones devices.md §2.4 and §2.6 quote from running receipt-printer-encoder and
 * from the Epson / escpos sources.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { PrinterCondition } from "./status.ts";
import type { TicketLayout } from "./layout.ts";

export { fuzzRuns } from "../core/fuzzRuns.ts";

/** A small ticket on the generic-58 profile: "办事" centred, bold, 2x2; "A001"; QR "https://x.cn"; cut. */
export const smallTicketLayout = {
  blocks: [
    { kind: "text", text: "办事", align: "center", bold: true, width: 2, height: 2 },
    { kind: "text", text: "A001" },
    { kind: "qr", data: "https://x.cn" },
  ],
} as const;

// prettier-ignore
export const smallTicketBytes = Uint8Array.of(
  0x1b, 0x40,                   // ESC @            initialise
  0x1c, 0x26,                   // FS &             Chinese mode on (never trust the power-up default)
  0x1b, 0x61, 0x01,             // ESC a 1          centre
  0x1b, 0x45, 0x01,             // ESC E 1          bold on
  0x1d, 0x21, 0x11,             // GS ! 0x11        width 2 (high nibble 1), height 2 (low nibble 1)
  0xb0, 0xec,                   // GB18030 "办"
  0xca, 0xc2,                   // GB18030 "事"
  0x0a,                         // LF
  0x1b, 0x61, 0x00,             // ESC a 0          left
  0x1b, 0x45, 0x00,             // ESC E 0          bold off
  0x1d, 0x21, 0x00,             // GS ! 0           normal size
  0x41, 0x30, 0x30, 0x31,       // "A001"
  0x0a,                         // LF
  0x1b, 0x61, 0x01,             // ESC a 1          centre the QR code
  0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00, // GS ( k fn 65: model 2
  0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06,       // GS ( k fn 67: module size 6 dots
  0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31,       // GS ( k fn 69: error correction M
  0x1d, 0x28, 0x6b, 0x0f, 0x00, 0x31, 0x50, 0x30,       // GS ( k fn 80: store, pL = 11 data bytes + 3
  0x68, 0x74, 0x74, 0x70, 0x73, 0x3a, 0x2f, 0x2f,       //   "https://"
  0x78, 0x2e, 0x63, 0x6e,                               //   "x.cn"
  0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30,       // GS ( k fn 81: print the symbol
  0x1b, 0x61, 0x00,             // ESC a 0          left again before the cut
  0x1d, 0x56, 0x42, 0x00,       // GS V 66 0        feed to the cutter, partial cut
);

/**
 * DLE EOT 1..4 replies per condition (devices.md §2.6). Every reply has bits 1 and 4 set and 0 and 7 clear.
 *   n=1 bit 3 offline; n=2 bit 2 cover open, bit 5 paper end stop, bit 6 error; n=3 bit 3 autocutter error;
 *   n=4 bits 2+3 near end, bits 5+6 paper end.
 */
export const realtimeReplies: Record<
  Exclude<PrinterCondition, "offline">,
  readonly [number, number, number, number]
> = {
  ok: [0x12, 0x12, 0x12, 0x12],
  "paper-near-end": [0x12, 0x12, 0x12, 0x1e], // n=4: 0x12 | 0x0C
  "paper-out": [0x1a, 0x32, 0x12, 0x7e], //      n=1 offline, n=2 paper-end stop, n=4 0x12 | 0x0C | 0x60
  "cover-open": [0x1a, 0x16, 0x12, 0x12], //     n=1 offline, n=2 cover open (bit 2)
  "cutter-error": [0x1a, 0x52, 0x1a, 0x12], //   n=1 offline, n=2 error (bit 6), n=3 autocutter (bit 3)
};

/** An Epson TM answers 0x16 to DLE EOT 1 when the drawer pin is high (devices.md E8, E9). */
export const drawerHighReply = 0x16;

/** Automatic Status Back blocks (receiptio's masks). */
// prettier-ignore
export const asbBlocks = {
  ok:          [0x10, 0x00, 0x00, 0x00], // b1 bit 4 fixed; nothing else set
  coverOpen:   [0x38, 0x00, 0x00, 0x00], // b1: 0x10 | bit 3 offline | bit 5 cover open
  paperOut:    [0x18, 0x00, 0x0f, 0x00], // b1 offline; b3 0x03 near end | 0x0C paper end
  nearEnd:     [0x10, 0x00, 0x03, 0x00], // b3 0x03 near end
  cutterError: [0x18, 0x08, 0x00, 0x00], // b1 offline; b2 bit 3 autocutter
} as const;

/** A GS I 0x43 reply: "_" + model name + NUL. */
export const modelIdReply = Uint8Array.of(0x5f, 0x56, 0x49, 0x52, 0x54, 0x00); // "_VIRT\0"

/** A long, realistic queue ticket: the 1 KB budget must hold for it. */
/**
 * A full queue ticket as print blocks, as the station lays one out (station-agent/src/ticket/ owns the real wording):
 * title, item, a rule, the number at 3x, wait lines, fields that wrap, a QR code, a footer. Fits 58 and 80 mm rolls.
 */
export const sampleTicketLayout: TicketLayout = {
  blocks: [
    { kind: "text", text: "成都市锦江区政务服务中心", align: "center", bold: true, width: 1, height: 2 },
    { kind: "text", text: "社会保障卡补领、换领（含金融功能激活）", align: "center" },
    { kind: "rule" },
    { kind: "text", text: "A023", align: "center", bold: true, width: 3, height: 3 },
    { kind: "text", text: "您前面还有 12 人", align: "center" },
    { kind: "text", text: "预计等待约 25 分钟", align: "center" },
    { kind: "rule" },
    { kind: "text", text: "办理地点：二楼 B区 5-8号窗口" },
    { kind: "text", text: "姓名：张*三" },
    { kind: "text", text: "取号时间：2025-11-27 09:30" },
    { kind: "text", text: "请备好：居民身份证原件；近期一寸彩色免冠照片一张；户口簿（信息有变更时）" },
    { kind: "qr", data: "https://hall.local/q/7f3a9c2e-41b7", moduleSize: 5 },
    { kind: "text", text: "扫码查看排队进度", align: "center" },
    { kind: "text", text: "请留意叫号，过号请到服务台", align: "center" },
  ],
};

/** The same ticket in English, Latin text that wraps at word boundaries. */
export const sampleEnglishTicketLayout: TicketLayout = {
  blocks: [
    { kind: "text", text: "Jinjiang District Service Centre", align: "center", bold: true, width: 1, height: 2 },
    { kind: "text", text: "Social security card replacement", align: "center" },
    { kind: "rule" },
    { kind: "text", text: "A023", align: "center", bold: true, width: 3, height: 3 },
    { kind: "text", text: "12 people ahead of you", align: "center" },
    { kind: "text", text: "Expected wait: about 25 min", align: "center" },
    { kind: "rule" },
    { kind: "text", text: "Name: J*** S****" },
    { kind: "text", text: "Bring: your resident ID card and one recent colour photo" },
    { kind: "qr", data: "https://hall.local/q/7f3a9c2e-41b7", moduleSize: 5 },
    { kind: "text", text: "Please listen for your number", align: "center" },
  ],
};

/** Test artifacts (gitignored, at the repository root): rendered tickets for people to look at. */
export const artifactsDir = fileURLToPath(new URL("../../../artifacts/printer/", import.meta.url));

/** Write a test artifact and return its path. */
export async function saveArtifact(name: string, data: string | Buffer): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const path = `${artifactsDir}${name}`;
  await writeFile(path, data);
  return path;
}
