/**
 * The kiosk role: a citizen takes a ticket (reserve, print, confirm as one act, journaled), checks in an appointment
 * by card or code, browses the catalogue; staff reprints arrive as hall commands.
 *
 *   devices --card---> acceptCard --> held card (full, agent only) --> "card" (masked) to the pages
 *   hall /ws --command (reprint)--> journal --> printer --> POST commands/:id/result, "reprinted" to the pages
 *   page --take / checkIn--> TakeFlow (reserve, print, confirm | void) --> "taken" | "refused"
 */
import type { Logger } from "pino";
import { isAppointmentCode, type AgentMessage, type ParsedPageMessage } from "@onewindow/contract";
import type { idcard } from "@onewindow/drivers";
import { kioskCatalogOf } from "../catalog/kioskCatalog.ts";
import { acceptCard, type HeldCard } from "../card.ts";
import type { StationConfig } from "../config.ts";
import type { StationRole } from "../core/stationRole.ts";
import type { StationDevices } from "../devices/stationDevices.ts";
import type { HallClient } from "../hall/hallClient.ts";
import type { HallLink } from "../hall/hallLink.ts";
import type { DeviceCommand } from "../hall/hallTypes.ts";
import { TakeJournal } from "../journal.ts";
import type { PageConnection } from "../page/pageServer.ts";
import { TakeFlow, type TakeOutcome } from "../take/takeFlow.ts";
import { formatIssuedAt, printedTicketLayout } from "../ticket/printedTicket.ts";
import { reason } from "../words.ts";

export interface KioskRoleOptions {
  readonly config: StationConfig;
  readonly hall: HallClient;
  readonly link: HallLink;
  readonly devices: StationDevices;
  readonly log: Logger;
  readonly now: () => number;
  readonly paired: () => boolean;
  readonly broadcast: (message: AgentMessage) => void;
  /** Open-journal retry period while the hall-server is unreachable, ms (default 3000). */
  readonly recoverEveryMs?: number;
  /** Called with each take phase just journaled (kill tests). */
  readonly onTakePhase?: (phase: string) => void;
}

/** A running kiosk role: the StationRole, its take journal, and recovery on demand. */
export interface KioskRole extends StationRole {
  readonly journal: TakeJournal;
  /** Finish every open take now (also runs by itself). */
  recover(): Promise<void>;
}

/** The hall's date "YYYYMMDD" at `epochMs`. */
const hallDate = (epochMs: number, timeZone: string) =>
  formatIssuedAt(epochMs, timeZone).slice(0, 10).replaceAll("-", "");

/** Build the kiosk role. Throws when the journal cannot be opened. */
export function createKioskRole(options: KioskRoleOptions): KioskRole {
  const { config, hall, link, devices, log, now, broadcast } = options;
  const journal = new TakeJournal(config.journalFile, now);
  const flow = new TakeFlow({
    journal,
    hall,
    printer: () => devices.printer,
    layout: (data, profile) =>
      printedTicketLayout(data, profile, { language: config.ticketLanguage, timeZone: config.timeZone }),
    log: log.child({ module: "take" }),
    onPhase: options.onTakePhase,
  });
  let held: HeldCard | undefined;

  // --- cards
  devices.on("card", (read: idcard.CardRead) => {
    if (flow.busy) {
      broadcast({ type: "cardRefused", reason: reason("card_during_print") });
      return;
    }
    const verdict = acceptCard(read.card, hallDate(now(), config.timeZone));
    if (!verdict.ok) {
      held = undefined;
      broadcast({ type: "cardRefused", reason: verdict.reason });
      return;
    }
    held = verdict.card;
    broadcast({ type: "card", card: verdict.card.masked });
  });
  devices.on("cardRemoved", () => {
    // The card's data stays until the page forgets it or a take uses it: a citizen lifts the card to press "take".
    broadcast({ type: "cardRemoved" });
  });

  // --- serial barcode scanner: an appointment code goes to the page; anything else is refused plainly (never logged)
  devices.on("scan", (text) => {
    if (isAppointmentCode(text)) broadcast({ type: "scan", code: text });
    else broadcast({ type: "scanRefused", reason: reason("scan_not_code") });
  });

  // --- device commands from the hall-server
  const answerCommand = async (command: DeviceCommand): Promise<void> => {
    let done = journal.command(command.id);
    if (!done || done.phase !== "done") {
      journal.noteCommand(command.id, "printing");
      const outcome = await flow.reprint(command.print);
      journal.noteCommand(command.id, "done", outcome);
      broadcast({ type: "reprinted", number: command.print.number, ok: outcome.ok });
      done = journal.command(command.id)!;
    }
    await hall.commandResult(command.id, done.ok === true, done.ok ? undefined : (done.reason ?? "reprint failed"));
  };
  link.on("command", (command) => {
    if (command.kind !== "reprint") return;
    answerCommand(command).catch((error: unknown) =>
      log.warn({ err: error, command: command.id }, "command answer not delivered; the server sends it again"),
    );
  });

  // --- recovery of interrupted takes
  let recovering: Promise<void> | undefined;
  const recoverNow = (): Promise<void> => {
    recovering ??= flow.recover().finally(() => (recovering = undefined));
    return recovering;
  };
  let recoverTimer: NodeJS.Timeout | undefined;

  // --- page messages
  const takeFor = async (message: ParsedPageMessage & { type: "take" | "checkIn" }): Promise<TakeOutcome> => {
    if (!options.paired()) return { ok: false, reason: reason("not_paired") };
    if (message.type === "take") {
      const card = message.useCard || message.priority === "elderly" ? held : undefined;
      if ((message.useCard || message.priority === "elderly") && !card) return { ok: false, reason: reason("no_card") };
      if (message.priority === "elderly" && !card?.masked.elderly) return { ok: false, reason: reason("not_elderly") };
      const outcome = await flow.take(message.requestId, {
        issue: { itemCode: message.itemCode, priority: message.priority, ...(card ? { card: card.identity } : {}) },
      });
      if (card && held === card) held = undefined;
      return outcome;
    }
    if (message.by.kind === "code") return flow.take(message.requestId, { checkIn: { code: message.by.code } });
    const card = held;
    if (!card) return { ok: false, reason: reason("no_card") };
    const outcome = await flow.take(message.requestId, {
      checkIn: { idNumber: card.identity.idNumber, idType: card.identity.idType },
    });
    if (held === card) held = undefined;
    return outcome;
  };
  /** The kiosk's catalogue, read with the station's token (the page never holds one). */
  const catalogFor = async (): Promise<AgentMessage> => {
    if (!options.paired()) return { type: "catalogUnavailable", reason: reason("not_paired") };
    try {
      return { type: "catalog", catalog: kioskCatalogOf(await hall.catalog()) };
    } catch (error) {
      log.warn({ err: error }, "catalogue not read");
      return { type: "catalogUnavailable", reason: reason("catalog_unavailable") };
    }
  };

  /** The wait of a ticket of `itemCode` taken now; null when the hall cannot say (the page then shows nothing). */
  const itemWaitFor = async (itemCode: string): Promise<AgentMessage> => {
    if (!options.paired()) return { type: "itemWait", itemCode, wait: null };
    try {
      return { type: "itemWait", itemCode, wait: await hall.itemWait(itemCode) };
    } catch (error) {
      log.warn({ err: error, itemCode }, "item wait not read");
      return { type: "itemWait", itemCode, wait: null };
    }
  };

  return {
    journal,
    recover: recoverNow,
    greet(page) {
      if (held) page.send({ type: "card", card: held.masked });
    },
    async handle(message: ParsedPageMessage, from: PageConnection): Promise<void> {
      switch (message.type) {
        case "catalog":
          return from.send(await catalogFor());
        case "itemWait":
          return from.send(await itemWaitFor(message.itemCode));
        case "forgetCard":
          held = undefined;
          return from.send({ type: "cardRemoved" });
        case "take":
        case "checkIn": {
          const outcome = await takeFor(message);
          from.send(
            outcome.ok
              ? { type: "taken", requestId: message.requestId, ticket: outcome.ticket }
              : { type: "refused", requestId: message.requestId, reason: outcome.reason },
          );
          return;
        }
        default:
          return from.send({ type: "error", reason: reason("not_here") });
      }
    },
    hallConnected() {
      void recoverNow();
    },
    hallDisconnected() {},
    paired() {},
    unpaired() {},
    start() {
      recoverTimer = setInterval(() => {
        if (options.paired() && journal.open().length > 0) void recoverNow();
      }, options.recoverEveryMs ?? 3000);
      return Promise.resolve();
    },
    async stop() {
      clearInterval(recoverTimer);
      await recovering?.catch(() => undefined);
      journal.close();
    },
  };
}
