/**
 * The hall's queue ticket (roadmap kiosk.md §4): what it says and how it is laid out, as print blocks for the
 * printer driver (drivers/src/printer/layout.ts). Hall, item, number in large type, people ahead, expected wait,
 * where to go, masked name, time, materials hint and a QR code to the status page. Pure.
 *
 *   QueueTicketContent --queueTicketLayout(profile)--> printer.TicketLayout --PrinterDriver.print--> paper
 */
import { printer } from "@onewindow/drivers";

type TicketBlock = printer.TicketBlock;
type TicketLayout = printer.TicketLayout;
type PrinterProfile = printer.PrinterProfile;
const { displayWidth } = printer;

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
