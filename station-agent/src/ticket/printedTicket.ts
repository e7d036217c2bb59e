/**
 * From the hall-server's TicketPrintData to the paper: the queue ticket's content and layout for this station's
 * printer. Pure. A reprint carries a "补打 / REPRINT" banner above the hall name so the copy is never mistaken for a
 * second number.
 *
 *   TicketPrintData --ticketContentOf--> QueueTicketContent --queueTicketLayout(profile)--> TicketLayout --> driver
 */
import { printer } from "@onewindow/drivers";
import type { TicketPrintData } from "../hall/hallTypes.ts";
import { queueTicketLayout, type QueueTicketContent } from "./queueTicketLayout.ts";

export type TicketLanguage = "zh" | "en";

const reprintBanner = { zh: "补打", en: "REPRINT" } as const;

/** "YYYY-MM-DD HH:mm" of `epochMs` in `timeZone`. */
export function formatIssuedAt(epochMs: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(epochMs)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Where to go, e.g. "二楼 B区 3、4号窗口" / "Floor 2 B, windows 3, 4". */
export function locationOf(data: TicketPrintData, language: TicketLanguage): string | undefined {
  const windows =
    data.windows.length === 0
      ? ""
      : language === "zh"
        ? `${data.windows.join("、")}号窗口`
        : `window${data.windows.length > 1 ? "s" : ""} ${data.windows.join(", ")}`;
  const text = [...data.areas, windows].filter((part) => part !== "").join(" ");
  return text === "" ? undefined : text;
}

/** The queue ticket's content for `data`. */
export function ticketContentOf(
  data: TicketPrintData,
  options: { language: TicketLanguage; timeZone: string },
): QueueTicketContent {
  return {
    hallName: data.hallName,
    itemName: data.itemName,
    number: data.number,
    peopleAhead: data.ahead,
    expectedWaitMinutes: Math.round(data.expectedWaitMinutes),
    issuedAt: formatIssuedAt(data.issuedAt, options.timeZone),
    location: locationOf(data, options.language),
    holderName: data.nameMasked,
    materialsHint: data.materialsHint === "" ? undefined : data.materialsHint.split("\n").join("；"),
    statusUrl: data.statusUrl,
    language: options.language,
  };
}

/** The layout to print for `data` on `profile` (a reprint starts with its banner). */
export function printedTicketLayout(
  data: TicketPrintData,
  profile: printer.PrinterProfile,
  options: { language: TicketLanguage; timeZone: string },
): printer.TicketLayout {
  const layout = queueTicketLayout(ticketContentOf(data, options), profile);
  if (!data.reprint) return layout;
  return {
    ...layout,
    blocks: [
      { kind: "text", text: reprintBanner[options.language], align: "center", bold: true, reverse: true },
      ...layout.blocks,
    ],
  };
}
