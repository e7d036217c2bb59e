/**
 * Keeps what the virtual hall's printers print: each cut ticket becomes `<dir>/<n>.txt` and `<dir>/<n>.png`.
 *
 *   VirtualPrinter --"ticket"--> number n (cut order, one count for the whole hall) --> render text + PNG
 *                                --> write both files --> "saved" {n, kiosk, text, png}
 *   VirtualPrinter --"refused"--> "refused" {kiosk, symbol}: a QR code the printer could not fit and left off
 *
 * Writes run one after another, so files appear in ticket order; `flush()` waits for the last one.
 */
import { EventEmitter } from "node:events";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PrinterProfile } from "../printer/profiles.ts";
import type { RefusedQr, TicketRecord } from "../printer/record.ts";
import { renderTicketPng, renderTicketText } from "../printer/render.ts";
import type { VirtualPrinter } from "../printer/virtual.ts";

/** One saved ticket: its number in the hall, the kiosk whose printer cut it, and the two files. */
export interface SavedTicket {
  readonly n: number;
  readonly kiosk: number;
  readonly text: string;
  readonly png: string;
}

/**
 * Events: "saved" after both files are written, "saveFailed" when a write fails (the count goes on), "refused"
 * when a printer left a symbol off the paper (it prints nothing for a QR code it cannot fit).
 */
export interface TicketArchiveEvents {
  saved: [SavedTicket];
  saveFailed: [Error, { n: number; kiosk: number }];
  refused: [{ kiosk: number; symbol: RefusedQr }];
}

/** Saves every ticket of the printers attached to it into one directory. */
export class TicketArchive extends EventEmitter<TicketArchiveEvents> {
  /** Every ticket saved so far, oldest first (numbers and paths only; the content stays in the files). */
  readonly saved: SavedTicket[] = [];
  private count = 0;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    /** Directory of the files; created by `open()`. */
    readonly dir: string,
    private readonly profile: Pick<PrinterProfile, "columns" | "printWidthDots">,
  ) {
    super();
  }

  /** Create the directory (and its parents). */
  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
  }

  /** Save every ticket `printer` cuts from now on, as printed by `kiosk`; returns a function that stops it. */
  attach(printer: VirtualPrinter, kiosk: number): () => void {
    const onTicket = (ticket: TicketRecord): void => {
      // Numbered when cut, not when written, so the numbers follow the order the tickets came out.
      const n = ++this.count;
      this.writes = this.writes.then(() => this.save(ticket, n, kiosk));
    };
    const onRefused = (symbol: RefusedQr): void => void this.emit("refused", { kiosk, symbol });
    printer.on("ticket", onTicket);
    printer.on("refused", onRefused);
    return () => {
      printer.off("ticket", onTicket);
      printer.off("refused", onRefused);
    };
  }

  /** Resolve once every ticket cut so far is on disk (or reported as failed). */
  flush(): Promise<void> {
    return this.writes;
  }

  private async save(ticket: TicketRecord, n: number, kiosk: number): Promise<void> {
    const text = join(this.dir, `${n}.txt`);
    const png = join(this.dir, `${n}.png`);
    try {
      await writeFile(text, renderTicketText(ticket, this.profile));
      await writeFile(png, renderTicketPng(ticket, this.profile));
    } catch (error) {
      this.emit("saveFailed", error instanceof Error ? error : new Error(String(error)), { n, kiosk });
      return;
    }
    const saved = { n, kiosk, text, png };
    this.saved.push(saved);
    this.emit("saved", saved);
  }
}
