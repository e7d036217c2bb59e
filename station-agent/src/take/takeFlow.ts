/**
 * Take = issue and print as one act (interfaces A), made durable by the journal (journal.ts):
 *
 *   take(request) --printer ready?--no--> refused, nothing reserved (printer health goes to the server as degraded)
 *        | yes
 *   journal "reserving" --POST reservations {requestKey}--> refused (4xx): journal "refused"
 *        | 201
 *   journal "reserved" --layout--> journal "printing" --print--> printer OK: journal "printed" --POST printed--> "confirmed"
 *                                                           \--> failed: journal "voiding" --POST void--> "voided"
 *
 * One take at a time (a second one is answered "busy"; the same requestId again answers the same outcome). Every
 * server call is idempotent, so a step cut short by a lost answer or a SIGKILL is simply sent again: `recover()`
 * finishes every take the journal holds open, at start and whenever the hall-server comes back.
 *
 * A kill mid-print (journal "printing"): part or all of the ticket may be on paper and in the citizen's hand. The
 * agent asks the server first (the same reservation again, by its requestKey): still reserved -> the ticket is
 * printed again marked 补打 (REPRINT) and confirmed, so the paper the citizen holds matches a callable number; a
 * failed reprint voids it. Already voided (the server's timeout) -> nothing more: the number stays a recorded gap.
 * Voiding instead would leave a citizen holding a complete ticket whose number is never called, the fault this
 * design exists to prevent; reprinting at worst gives one citizen two papers of the same one number.
 */
import type { Logger } from "pino";
import type { AgentReason, TakenTicket } from "@onewindow/contract";
import { isDriverError, printer } from "@onewindow/drivers";
import { HallError, type HallClient } from "../hall/hallClient.ts";
import type { ReserveBody, ReservedTicket, TicketPrintData, VoidReason } from "../hall/hallTypes.ts";
import type { TakeJournal, TakeRow } from "../journal.ts";
import { reason, type ReasonCode } from "../words.ts";

/** The printer as the take flow needs it (PrinterDriver fits). */
export interface TakePrinter {
  readonly profile: printer.PrinterProfile;
  status(): Promise<printer.PrinterStatus>;
  print(job: printer.TicketLayout): Promise<unknown>;
}

/** What to reserve: a walk-in ticket (`issue`) or an appointment check-in (`checkIn`); the key is the requestId. */
export type TakeBody = ReserveBody extends infer B ? (B extends unknown ? Omit<B, "requestKey"> : never) : never;

export type TakeOutcome =
  { readonly ok: true; readonly ticket: TakenTicket } | { readonly ok: false; readonly reason: AgentReason };

export interface TakeFlowOptions {
  readonly journal: TakeJournal;
  readonly hall: HallClient;
  readonly printer: () => TakePrinter | undefined;
  readonly layout: (data: TicketPrintData, profile: printer.PrinterProfile) => printer.TicketLayout;
  readonly log: Logger;
  /** Test seam: called with each phase just journaled (the kill tests stop the process here). */
  readonly onPhase?: (phase: string) => void;
}

const takenOf = (data: TicketPrintData): TakenTicket => ({
  number: data.number,
  itemName: data.itemName,
  ahead: data.ahead,
  expectedWaitMinutes: Math.max(0, Math.round(data.expectedWaitMinutes)),
});

const BLOCKING: readonly printer.PrinterCondition[] = ["paper-out", "cover-open", "cutter-error", "offline"];

/** The server's refusal in plain words: its code when the table has it, its English message beside. */
function refusalOf(error: HallError): AgentReason {
  const known: Record<string, ReasonCode> = {
    item_closed: "item_closed",
    cap_reached: "cap_reached",
    not_found: "not_found",
    unauthorized: "not_paired",
  };
  return reason(known[error.code] ?? "refused", error.message);
}

/** Runs takes and finishes interrupted ones. */
export class TakeFlow {
  private running: Promise<unknown> = Promise.resolve();
  /** Tasks queued or running: counted when asked for, so a take in the same tick as another sees it. */
  private pending = 0;

  constructor(private readonly options: TakeFlowOptions) {}

  /** True while a take or a recovery prints. */
  get busy(): boolean {
    return this.pending > 0;
  }

  /** Take a ticket for `requestId` (its requestKey on the server too). Never throws. */
  async take(requestId: string, body: TakeBody): Promise<TakeOutcome> {
    const known = this.options.journal.get(requestId);
    if (known) return this.outcomeOf(known);
    if (this.busy) return { ok: false, reason: reason("busy") };
    return this.exclusive(() => this.run(requestId, { ...body, requestKey: requestId }));
  }

  /** Finish every take the journal holds open. Safe to call any time; runs between takes. */
  recover(): Promise<void> {
    return this.exclusive(async () => {
      for (const row of this.options.journal.open()) {
        try {
          await this.finish(row);
        } catch (error) {
          this.options.log.warn(
            { err: error, number: row.number, phase: row.phase },
            "take not finished yet; retrying later",
          );
        }
      }
    });
  }

  /** Print a reprint ordered by staff (data.reprint is true). Resolves with the printer's verdict. */
  reprint(data: TicketPrintData): Promise<{ ok: boolean; reason?: string }> {
    return this.exclusive(async () => {
      const device = this.options.printer();
      if (!device) return { ok: false, reason: "this station has no printer" };
      try {
        await device.print(this.options.layout({ ...data, reprint: true }, device.profile));
        return { ok: true };
      } catch (error) {
        return { ok: false, reason: error instanceof Error ? error.message : String(error) };
      }
    });
  }

  private async exclusive<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const previous = this.running;
    let release!: () => void;
    this.running = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      return await task();
    } finally {
      this.pending--;
      release();
    }
  }

  private phase(
    row: TakeRow | string,
    phase: Parameters<TakeJournal["advance"]>[1],
    fields?: Parameters<TakeJournal["advance"]>[2],
  ): TakeRow {
    const key = typeof row === "string" ? row : row.requestKey;
    const next = this.options.journal.advance(key, phase, fields);
    this.options.onPhase?.(phase);
    return next;
  }

  private async run(requestKey: string, body: ReserveBody): Promise<TakeOutcome> {
    const { journal, hall, log } = this.options;
    const device = this.options.printer();
    if (!device) return { ok: false, reason: reason("printer_missing") };
    const ready = await this.printerReady(device);
    if (ready) return { ok: false, reason: ready };

    journal.begin(requestKey, requestKey, JSON.stringify(body));
    this.options.onPhase?.("reserving");
    let reserved: ReservedTicket;
    try {
      reserved = await hall.reserve(body);
    } catch (error) {
      if (error instanceof HallError && !error.unreached) {
        this.phase(requestKey, "refused", { detail: `${error.code}: ${error.message}` });
        return { ok: false, reason: refusalOf(error) };
      }
      // Unknown whether the server reserved: recovery asks again with the same key and voids what it finds.
      log.warn({ err: error }, "reserve unanswered; recovery will finish it");
      return { ok: false, reason: reason("hall_unreachable") };
    }
    const row = this.phase(requestKey, "reserved", {
      ticketId: reserved.ticket.id,
      number: reserved.ticket.number,
      printData: JSON.stringify(reserved.print),
    });
    return this.printAndConfirm(row, reserved.print, device);
  }

  /** A plain reason when the printer cannot take a job now, else undefined. Reads a fresh status. */
  private async printerReady(device: TakePrinter): Promise<AgentReason | undefined> {
    try {
      const status = await device.status();
      return BLOCKING.includes(status.condition) ? reason(status.condition as ReasonCode) : undefined;
    } catch (error) {
      if (isDriverError(error) && (error.disconnected || error.codeName === "NotOpen"))
        return reason("printer_unreachable");
      return reason(
        "printer_silent",
        error instanceof Error ? `The printer does not answer: ${error.message}` : undefined,
      );
    }
  }

  private async printAndConfirm(row: TakeRow, data: TicketPrintData, device: TakePrinter): Promise<TakeOutcome> {
    let failure: { reason: VoidReason; detail: string; words: AgentReason } | undefined;
    try {
      const layout = this.options.layout(data, device.profile);
      row = this.phase(row, "printing");
      await device.print(layout);
    } catch (error) {
      const sent = isDriverError(error) && error.context.sent === true;
      const condition = isDriverError(error) ? (error.context.condition as string | undefined) : undefined;
      const detail = error instanceof Error ? error.message : String(error);
      failure = {
        reason: sent || !condition ? "print_failed" : "printer_not_ready",
        detail,
        words:
          condition && BLOCKING.includes(condition as printer.PrinterCondition) && !sent
            ? reason(condition as ReasonCode)
            : reason("print_failed", `Printing failed (${detail}); the number was cancelled, please take a new ticket`),
      };
    }
    if (failure) {
      row = this.phase(row, "voiding", { voidReason: failure.reason, detail: failure.detail });
      await this.voidRow(row).catch((error: unknown) =>
        this.options.log.warn({ err: error, number: row.number }, "void unanswered; recovery will send it again"),
      );
      return { ok: false, reason: failure.words };
    }
    row = this.phase(row, "printed");
    try {
      await this.confirmRow(row);
    } catch (error) {
      // The paper is out: the confirm is sent again until it lands (recover()).
      this.options.log.warn({ err: error, number: row.number }, "confirm unanswered; recovery will send it again");
    }
    const final = this.options.journal.get(row.requestKey)!;
    if (final.phase === "voided") return { ok: false, reason: reason("voided_meanwhile") };
    return { ok: true, ticket: takenOf(data) };
  }

  private async confirmRow(row: TakeRow): Promise<void> {
    try {
      await this.options.hall.printed(row.ticketId!);
      this.phase(row, "confirmed");
    } catch (error) {
      if (error instanceof HallError && error.status === 409) {
        // Voided by the server's timeout before the confirm landed: the number is a recorded gap.
        this.options.log.error(
          { number: row.number },
          "printed ticket was voided by the server before it was confirmed",
        );
        this.phase(row, "voided", { detail: `confirm refused: ${error.message}` });
        return;
      }
      throw error;
    }
  }

  private async voidRow(row: TakeRow): Promise<void> {
    try {
      await this.options.hall.void(
        row.ticketId!,
        (row.voidReason ?? "print_failed") as VoidReason,
        row.detail ?? undefined,
      );
      this.phase(row, "voided");
    } catch (error) {
      if (error instanceof HallError && error.status === 409) {
        this.options.log.error({ number: row.number }, "void refused: the ticket was confirmed printed");
        this.phase(row, "confirmed", { detail: `void refused: ${error.message}` });
        return;
      }
      throw error;
    }
  }

  /** Drive one open journal row to confirmed or voided (recover()). Throws when the server is not reachable. */
  private async finish(row: TakeRow): Promise<void> {
    const { log } = this.options;
    switch (row.phase) {
      case "printed":
        return this.confirmRow(row);
      case "voiding":
        return this.voidRow(row);
      case "reserving":
      case "reserved":
      case "printing": {
        const answer = await this.askAgain(row);
        if (!answer) return; // refused: nothing was reserved
        row = this.options.journal.get(row.requestKey)!;
        const state = answer.ticket.state;
        if (state === "voided") {
          this.phase(row, "voided", { detail: "voided by the server before the agent came back" });
          return;
        }
        if (state !== "reserved") {
          log.warn({ number: row.number, state }, "reservation already confirmed");
          this.phase(row, "confirmed");
          return;
        }
        if (row.phase !== "printing") {
          // Nothing went to the printer: the number was never on paper.
          row = this.phase(row, "voiding", {
            voidReason: "agent_restarted",
            detail: "agent restarted before printing",
          });
          return this.voidRow(row);
        }
        log.warn({ number: row.number }, "agent stopped mid-print: printing it again marked as a reprint");
        const device = this.options.printer();
        if (!device) {
          row = this.phase(row, "voiding", { voidReason: "print_failed", detail: "no printer after restart" });
          return this.voidRow(row);
        }
        await this.printAndConfirm(row, { ...answer.print, reprint: true }, device);
        return;
      }
      default:
        return;
    }
  }

  /** The reservation of an unfinished row, asked again by its requestKey; undefined when the server refuses it. */
  private async askAgain(row: TakeRow): Promise<ReservedTicket | undefined> {
    const body = row.reserveBody;
    if (body === null) throw new Error(`journal row ${row.requestKey} lost its reserve body`);
    try {
      const answer = await this.options.hall.reserve(JSON.parse(body) as ReserveBody);
      this.options.journal.advance(row.requestKey, row.phase, {
        ticketId: answer.ticket.id,
        number: answer.ticket.number,
        printData: JSON.stringify(answer.print),
      });
      return answer;
    } catch (error) {
      if (error instanceof HallError && !error.unreached) {
        this.phase(row, "refused", { detail: `${error.code}: ${error.message}` });
        return undefined;
      }
      throw error;
    }
  }

  /** The answer for a take the journal already knows (a repeated requestId). */
  private outcomeOf(row: TakeRow): TakeOutcome {
    if ((row.phase === "confirmed" || row.phase === "printed") && row.printData)
      return { ok: true, ticket: takenOf(JSON.parse(row.printData) as TicketPrintData) };
    if (row.phase === "refused" || row.phase === "voided")
      return { ok: false, reason: reason("refused", row.detail ?? undefined) };
    return { ok: false, reason: reason("duplicate") };
  }
}
