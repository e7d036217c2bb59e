/**
 * Applies hall commands (hallCommands.ts) to a running virtual hall and answers each with one reply object:
 *
 *   text line --parseHallCommand--> HallCommand --execute--> virtual device knob / action --> HallReply
 *
 * A command that cannot apply (no such kiosk, device unplugged, no rating pending, no card to remove) answers
 * `ok: false` and changes nothing. Replies carry ticket numbers and device states, never card content.
 */
import type { CallerAction } from "../caller/codec.ts";
import { CommandQueue } from "../core/commandQueue.ts";
import { levelNames } from "../evaluator/codec.ts";
import { sampleCards } from "../idcard/sampleCards.ts";
import { conditionOf } from "../printer/status.ts";
import type { LedLine } from "../led/virtual.ts";
import {
  cardNames,
  hallCommandHelp,
  parseHallCommand,
  type CardName,
  type HallCommand,
  type HallDevice,
  type HallVerb,
  kioskDevices,
} from "./hallCommands.ts";
import type { PluggedDevice, VirtualHall, VirtualHallDevices } from "./startVirtualHall.ts";

/** The answer to one command; `reply` names the command (null when the line named none). */
export type HallReply =
  | ({ readonly reply: HallVerb; readonly ok: true } & Readonly<Record<string, unknown>>)
  | { readonly reply: HallVerb | null; readonly ok: false; readonly error: string };

/** How long `replug` waits for a keypad or strip to reopen its end before answering `reopened: false`. */
const REOPEN_WAIT_MS = 3000;

class CommandRefused extends Error {}

type Kiosk = VirtualHallDevices["kiosks"][number];
type Window = VirtualHallDevices["windows"][number];

/** Drives one running hall; commands run one at a time in the order `run`/`execute` are called. */
export class HallCommandExecutor {
  private readonly unplugged = new Set<string>();
  private readonly cards = new Map<number, CardName>();
  private readonly queue = new CommandQueue();

  constructor(private readonly hall: Pick<VirtualHall, "devices" | "tickets">) {}

  /** Parse `line` and execute it; a line that does not parse is answered with its error. */
  run(line: string): Promise<HallReply> {
    const parsed = parseHallCommand(line);
    if (parsed.ok) return this.execute(parsed.command);
    // Queued like any command, so its reply does not overtake the replies to earlier lines.
    return this.enqueue(() => ({ reply: parsed.verb, ok: false, error: parsed.error }));
  }

  /** Apply `command`; never rejects (a device failure becomes an `ok: false` reply). */
  execute(command: HallCommand): Promise<HallReply> {
    return this.enqueue(() => this.apply(command));
  }

  private enqueue(step: () => HallReply | Promise<HallReply>): Promise<HallReply> {
    return this.queue.run(async () => step());
  }

  private async apply(command: HallCommand): Promise<HallReply> {
    try {
      return { reply: command.verb, ok: true, ...(await this.perform(command)) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { reply: command.verb, ok: false, error: message };
    }
  }

  private async perform(command: HallCommand): Promise<Record<string, unknown>> {
    switch (command.verb) {
      case "help":
        return {
          commands: Object.values(hallCommandHelp).map(({ usage, does }) => `${usage} - ${does}`),
          cards: Object.keys(cardNames),
        };
      case "card":
        return this.card(command.kiosk, command.card);
      case "scan": {
        const scanner = this.kiosk(command.kiosk).barcodeScanner.device;
        if (!this.isPlugged("scanner", command.kiosk))
          throw new CommandRefused(
            `kiosk ${command.kiosk}'s scanner is unplugged; replug ${command.kiosk} scanner first`,
          );
        await scanner.scan(command.code);
        return { kiosk: command.kiosk, scanned: command.code.length };
      }
      case "paper": {
        const printer = this.kiosk(command.kiosk).printer.device;
        if (command.paper === "near-end") await printer.setFault("paper-near-end", true);
        else await printer.setFault("paper-out", command.paper === "out");
        return { kiosk: command.kiosk, paper: command.paper, condition: conditionOf(printer.flags) };
      }
      case "cover": {
        const printer = this.kiosk(command.kiosk).printer.device;
        await printer.setFault("cover-open", command.open);
        return { kiosk: command.kiosk, cover: command.open ? "open" : "closed", condition: conditionOf(printer.flags) };
      }
      case "cutter": {
        const printer = this.kiosk(command.kiosk).printer.device;
        if (!command.jam) {
          await printer.setFault("cutter-jam", false);
          return { kiosk: command.kiosk, cutter: "ok", condition: conditionOf(printer.flags) };
        }
        await printer.setFault("cutter-jam", true);
        return { kiosk: command.kiosk, cutter: "jam", note: "the next cut jams; cutter ok clears it" };
      }
      case "unplug":
      case "replug":
        return this.plug(command.verb, command.device, command.station);
      case "key":
        return this.key(command.window, command.action);
      case "rate": {
        const { evaluationKeypad } = this.window(command.window);
        this.expectPlugged("evaluator", command.window);
        if (!evaluationKeypad.device.pending)
          throw new CommandRefused(
            `window ${command.window}'s evaluation keypad has no rating request pending: ` +
              "the counter's host must ask for a rating first",
          );
        // Keys of the five-key layout: key 1 = 5 非常满意 ... key 5 = 1 非常不满意 (a four-key host has no key 5).
        const key = 6 - command.level;
        await evaluationKeypad.device.press(key);
        return { window: command.window, level: command.level, label: levelNames[command.level], key };
      }
      case "led": {
        const { ledStrip } = this.window(command.window);
        const strip = ledStrip.device.state(1);
        return {
          window: command.window,
          plugged: this.isPlugged("led", command.window),
          lines: lineList(strip.lines),
          idle: lineList(strip.idle),
          brightness: strip.brightness,
        };
      }
      case "tickets":
        return { tickets: this.hall.tickets.saved.map(({ n, kiosk, text, png }) => ({ ticket: n, kiosk, text, png })) };
      case "status":
        return this.status();
      case "quit":
        return {};
    }
  }

  private card(kiosk: number, card: CardName | "remove"): Record<string, unknown> {
    const reader = this.kiosk(kiosk).idCardReader.device;
    const previous = this.cards.get(kiosk);
    if (card === "remove") {
      if (previous === undefined) throw new CommandRefused(`there is no card on kiosk ${kiosk}'s reader`);
      reader.removeCard();
      this.cards.delete(kiosk);
      return { kiosk, removed: previous };
    }
    reader.placeCard(sampleCards[cardNames[card]]);
    this.cards.set(kiosk, card);
    return previous === undefined ? { kiosk, placed: card } : { kiosk, placed: card, replaced: previous };
  }

  private async key(window: number, action: CallerAction): Promise<Record<string, unknown>> {
    const caller = this.window(window).callerKeypad.device;
    this.expectPlugged("caller", window);
    await caller.press(action);
    const { kind, ...value } = action;
    return { window, key: kind === "requestRating" ? "rate" : kind, ...value };
  }

  private async plug(verb: "unplug" | "replug", device: HallDevice, station: number): Promise<Record<string, unknown>> {
    const { link, reopens } = this.cable(device, station);
    const kind = kioskDevices.includes(device) ? "kiosk" : "window";
    const where = `${kind} ${station}`;
    const id = `${device}:${station}`;
    if (verb === "unplug") {
      if (this.unplugged.has(id)) throw new CommandRefused(`${where}'s ${device} is already unplugged`);
      await link.unplug();
      this.unplugged.add(id);
      return { [kind]: station, device };
    }
    if (!this.unplugged.has(id)) throw new CommandRefused(`${where}'s ${device} is not unplugged`);
    // Keypads and strips reopen their end by themselves after the replug; wait for it so the next command lands.
    const reopened = reopens ? waitForReopen(reopens, REOPEN_WAIT_MS) : undefined;
    await link.replug();
    this.unplugged.delete(id);
    if (reopened) return { [kind]: station, device, reopened: await reopened };
    // The printer's replug resolves once it has reopened; the ID-card reader's watchdog reopens it a moment later
    // and has no event to wait for, so its reply claims nothing.
    return device === "printer" ? { [kind]: station, device, reopened: true } : { [kind]: station, device };
  }

  private status(): Record<string, unknown> {
    const { kiosks, windows } = this.hall.devices;
    return {
      kiosks: kiosks.map(({ kiosk, printer }) => {
        const flags = printer.device.flags;
        return {
          kiosk,
          printer: {
            plugged: this.isPlugged("printer", kiosk),
            condition: conditionOf(flags),
            paper: flags.paperOut ? "out" : flags.paperNearEnd ? "near-end" : "ok",
            cover: flags.coverOpen ? "open" : "closed",
            cutter: flags.cutterError ? "error" : "ok",
          },
          idCardReader: { plugged: this.isPlugged("idcard", kiosk), card: this.cards.get(kiosk) ?? null },
          barcodeScanner: { plugged: this.isPlugged("scanner", kiosk) },
        };
      }),
      windows: windows.map(({ window, evaluationKeypad, ledStrip, callerKeypad }) => ({
        window,
        evaluationKeypad: {
          plugged: this.isPlugged("evaluator", window),
          ratingPending: evaluationKeypad.device.pending !== undefined,
        },
        ledStrip: { plugged: this.isPlugged("led", window), lines: lineList(ledStrip.device.state(1).lines) },
        callerKeypad: { plugged: this.isPlugged("caller", window), text: callerKeypad.device.texts.get(1) ?? null },
      })),
    };
  }

  /** The cable of `device` at `station`, and the device when it announces its own reopening. */
  private cable(
    device: HallDevice,
    station: number,
  ): { link: PluggedDevice<unknown>["link"]; reopens?: ReopenEmitter } {
    switch (device) {
      case "printer":
        return { link: this.kiosk(station).printer.link };
      case "idcard":
        return { link: this.kiosk(station).idCardReader.link };
      case "scanner":
        return { link: this.kiosk(station).barcodeScanner.link };
      case "evaluator": {
        const { link, device: reopens } = this.window(station).evaluationKeypad;
        return { link, reopens };
      }
      case "led": {
        const { link, device: reopens } = this.window(station).ledStrip;
        return { link, reopens };
      }
      case "caller": {
        const { link, device: reopens } = this.window(station).callerKeypad;
        return { link, reopens };
      }
    }
  }

  private kiosk(n: number): Kiosk {
    const found = this.hall.devices.kiosks.find((k) => k.kiosk === n);
    if (!found) throw new CommandRefused(`there is no kiosk ${n}: ${range("kiosk", this.hall.devices.kiosks.length)}`);
    return found;
  }

  private window(n: number): Window {
    const found = this.hall.devices.windows.find((w) => w.window === n);
    if (!found)
      throw new CommandRefused(`there is no window ${n}: ${range("window", this.hall.devices.windows.length)}`);
    return found;
  }

  private isPlugged(device: HallDevice, station: number): boolean {
    return !this.unplugged.has(`${device}:${station}`);
  }

  private expectPlugged(device: HallDevice, window: number): void {
    if (!this.isPlugged(device, window))
      throw new CommandRefused(`window ${window}'s ${device} is unplugged; replug ${window} ${device} first`);
  }
}

function range(kind: string, count: number): string {
  if (count === 0) return `this hall has no ${kind}s`;
  return count === 1 ? `this hall has ${kind} 1 only` : `this hall has ${kind}s 1-${count}`;
}

function lineList(lines: ReadonlyMap<number, LedLine>): { line: number; text: string }[] {
  return [...lines].sort(([a], [b]) => a - b).map(([line, { text }]) => ({ line, text }));
}

interface ReopenEmitter {
  once(event: "reconnected", listener: () => void): unknown;
  off(event: "reconnected", listener: () => void): unknown;
}

/** True when `device` reports "reconnected" within `ms`, else false. */
function waitForReopen(device: ReopenEmitter, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      device.off("reconnected", done);
      resolve(false);
    }, ms);
    device.once("reconnected", done);
  });
}
