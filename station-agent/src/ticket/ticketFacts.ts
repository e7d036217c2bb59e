/**
 * What a printed ticket says, read back from the printer's record (the virtual printer's TicketRecord): for tests
 * and the demo to compare the paper with the hall-server's record of the ticket. Pure.
 */
import { printer } from "@onewindow/drivers";

export interface TicketFacts {
  /** The largest text on the ticket: its number. */
  readonly number: string;
  /** Every printed text line, in order. */
  readonly lines: readonly string[];
  /** The QR code's data (the status page URL), if one printed. */
  readonly qr: string | undefined;
  /** Whether the ticket carries the reprint banner. */
  readonly reprint: boolean;
}

/** Read a ticket record: its number is the line printed at the largest size. */
export function ticketFacts(record: printer.TicketRecord): TicketFacts {
  const lines = record.elements.flatMap((e) => (e.kind === "line" ? [e] : []));
  const biggest = lines.reduce<(typeof lines)[number] | undefined>(
    (best, line) => (!best || line.width * line.height > best.width * best.height ? line : best),
    undefined,
  );
  const qr = record.elements.find((e) => e.kind === "qr");
  return {
    number: biggest?.text.trim() ?? "",
    lines: lines.map((l) => l.text.trim()),
    qr: qr?.kind === "qr" ? qr.data : undefined,
    reprint: lines.some((l) => l.reverse && /^(补打|REPRINT)$/.test(l.text.trim())),
  };
}

/** Decode raw ESC/POS bytes (one or more tickets) into ticket records, as the virtual printer would print them. */
export function ticketsFromBytes(bytes: Uint8Array, profile: printer.PrinterProfile): printer.TicketRecord[] {
  const decoder = new printer.EscPosDecoder({
    chineseAtStart: profile.chinese,
    chineseEncoding: profile.chineseEncoding,
  });
  const recorder = new printer.TicketRecorder({ printWidthDots: profile.printWidthDots });
  const records: printer.TicketRecord[] = [];
  for (const item of [...decoder.push(bytes), ...decoder.flush()]) {
    if (item.kind !== "command") continue;
    const record = recorder.apply(item.command);
    if (record) records.push(record);
  }
  return records;
}
