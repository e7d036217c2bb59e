/**
 * startAgent: the composition root of one station agent. It wires the config's devices, the hall-server client and
 * socket, the take flow with its journal, and the page's loopback API.
 *
 *   devices --health--> hall-server POST /api/devices/self/health, and "devices" to the pages
 *           --card---> acceptCard --> held card (full, agent only) --> "card" (masked) to the pages
 *   hall /ws --command (reprint)--> journal --> printer --> POST commands/:id/result, "reprinted" to the pages
 *   page --take / checkIn--> TakeFlow (reserve, print, confirm | void) --> "taken" | "refused"
 *
 * Runs in-process (`startAgent(config)`, the demo without socat) or as its own process (bin/station-agent.js).
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { pino, type Logger } from "pino";
import {
  SHELL_FALLBACK_ORIGIN,
  formatAgentFragment,
  isAppointmentCode,
  type AgentDevice,
  type AgentMessage,
  type ParsedPageMessage,
} from "@onewindow/contract";
import type { idcard } from "@onewindow/drivers";
import { acceptCard, type HeldCard } from "./card.ts";
import { pageOrigins, type StationConfig } from "./config.ts";
import { StationDevices } from "./devices/stationDevices.ts";
import { HallClient, HallError } from "./hall/hallClient.ts";
import { HallLink } from "./hall/hallLink.ts";
import type { DeviceCommand } from "./hall/hallTypes.ts";
import { TakeJournal } from "./journal.ts";
import { startPageServer, type PageConnection, type PageServer } from "./page/pageServer.ts";
import { TakeFlow, type TakeOutcome } from "./take/takeFlow.ts";
import { formatIssuedAt, printedTicketLayout } from "./ticket/printedTicket.ts";
import { healthWords, reason } from "./words.ts";

export interface AgentOverrides {
  readonly log?: Logger;
  /** The per-launch secret (default: 32 random bytes). Tests only. */
  readonly secret?: string;
  /** Printer idle status poll, ms (default 5000). */
  readonly printerPollMs?: number;
  /** Open-journal retry period while the hall-server is unreachable, ms (default 3000). */
  readonly recoverEveryMs?: number;
  /** Called with each take phase just journaled (kill tests). */
  readonly onTakePhase?: (phase: string) => void;
  readonly now?: () => number;
  /** Run virtual twins over in-memory links even where socat exists (fast tests). */
  readonly virtualOverMemory?: boolean;
}

/** A running station agent. */
export interface StationAgent {
  readonly config: StationConfig;
  /** ws://127.0.0.1:P/ : the page API's address (the socket is at /agent). */
  readonly url: string;
  readonly port: number;
  readonly secret: string;
  /** "agent=...&secret=..." for the page's URL fragment. */
  readonly fragment: string;
  readonly devices: StationDevices;
  readonly journal: TakeJournal;
  readonly paired: boolean;
  /** Finish every open take now (also runs by itself). */
  recover(): Promise<void>;
  stop(): Promise<void>;
}

function readToken(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const token = readFileSync(path, "utf8").trim();
  return token === "" ? undefined : token;
}

/** Write the token so that no moment exists where the file is readable by others or half-written. */
function writeToken(path: string, token: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, token + "\n", { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

/** The hall's date "YYYYMMDD" at `epochMs`. */
const hallDate = (epochMs: number, timeZone: string) =>
  formatIssuedAt(epochMs, timeZone).slice(0, 10).replaceAll("-", "");

/** Start the agent described by `config`. Rejects when the page port cannot be bound or the journal opened. */
export async function startAgent(config: StationConfig, overrides: AgentOverrides = {}): Promise<StationAgent> {
  const log = overrides.log ?? pino({ level: config.logLevel, base: { station: config.station.name } });
  const now = overrides.now ?? Date.now;
  const secret = overrides.secret ?? randomBytes(32).toString("base64url");
  let token = readToken(config.tokenFile);
  const journal = new TakeJournal(config.journalFile, now);
  const hall = new HallClient({ baseUrl: config.hallUrl, token: () => token });
  const link = new HallLink({ baseUrl: config.hallUrl, token: () => token, log: log.child({ module: "hall-link" }) });
  const devices = new StationDevices(config, {
    log,
    printerPollMs: overrides.printerPollMs,
  });
  const flow = new TakeFlow({
    journal,
    hall,
    printer: () => devices.printer,
    layout: (data, profile) =>
      printedTicketLayout(data, profile, { language: config.ticketLanguage, timeZone: config.timeZone }),
    log: log.child({ module: "take" }),
    onPhase: overrides.onTakePhase,
  });
  let held: HeldCard | undefined;
  let page: PageServer | undefined;
  let stopped = false;
  const broadcast = (message: AgentMessage) => page?.broadcast(message);

  // --- device health: to the hall-server and the pages
  const deviceList = (): AgentDevice[] =>
    devices
      .health()
      .map(({ name, health }) => ({ name, state: health.state, words: healthWords(name, health.state, health.code) }));
  let healthTimer: NodeJS.Timeout | undefined;
  const reportHealth = () => {
    clearTimeout(healthTimer);
    // Coalesce bursts (open, first status) into one report.
    healthTimer = setTimeout(() => {
      if (!token || stopped) return;
      const list = devices
        .health()
        .map(({ name, health }) => ({ name, state: health.state, reason: health.reason.slice(0, 200) }));
      hall.reportHealth(list).catch((error: unknown) => log.debug({ err: error }, "health report not delivered"));
    }, 50);
  };
  devices.on("health", () => {
    reportHealth();
    broadcast({ type: "devices", devices: deviceList() });
  });
  link.on("credentialsEnded", () => {
    // The hall revoked this station: forget the token so the pairing page shows again (a new code re-pairs it).
    token = undefined;
    rmSync(config.tokenFile, { force: true });
    log.warn(`station unpaired by the hall: open http://127.0.0.1:${page?.port ?? "?"}/ to pair it again`);
    broadcast({ type: "devices", devices: deviceList() });
  });
  link.on("connected", () => {
    reportHealth();
    void recoverNow();
  });

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
  const recoverTimer = setInterval(() => {
    if (token && journal.open().length > 0) void recoverNow();
  }, overrides.recoverEveryMs ?? 3000);

  // --- page messages
  const takeFor = async (message: ParsedPageMessage & { type: "take" | "checkIn" }): Promise<TakeOutcome> => {
    if (!token) return { ok: false, reason: reason("not_paired") };
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
  const onMessage = async (message: ParsedPageMessage, from: PageConnection): Promise<void> => {
    switch (message.type) {
      case "hello":
        from.send({ type: "welcome", station: config.station.name, devices: deviceList() });
        if (held) from.send({ type: "card", card: held.masked });
        return;
      case "status":
        return from.send({ type: "devices", devices: deviceList() });
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
    }
  };

  const pair = async (code: string): Promise<string> => {
    try {
      const paired = await hall.pair(code);
      writeToken(config.tokenFile, paired.token);
      token = paired.token;
      log.info({ device: paired.device.name }, "station paired");
      link.start();
      reportHealth();
      return paired.device.name;
    } catch (error) {
      if (error instanceof HallError) throw new Error(error.unreached ? "hall-server not reached" : error.message);
      throw error;
    }
  };

  try {
    page = await startPageServer({
      port: config.listenPort,
      secret,
      allowedOrigins: pageOrigins(config, SHELL_FALLBACK_ORIGIN),
      log: log.child({ module: "page" }),
      onMessage,
      paired: () => token !== undefined,
      pair,
    });
    await devices.open();
  } catch (error) {
    clearInterval(recoverTimer);
    await page?.close();
    await devices.close();
    journal.close();
    throw error;
  }
  if (token) link.start();
  else log.warn(`station not paired: open http://127.0.0.1:${page.port}/ on this station to enter the pairing code`);

  const url = `ws://127.0.0.1:${page.port}/`;
  const server = page;
  return {
    config,
    url,
    port: page.port,
    secret,
    fragment: formatAgentFragment({ url, secret }),
    devices,
    journal,
    get paired() {
      return token !== undefined;
    },
    recover: recoverNow,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(recoverTimer);
      clearTimeout(healthTimer);
      link.stop();
      await server.close();
      await recovering?.catch(() => undefined);
      await devices.close();
      journal.close();
    },
  };
}
