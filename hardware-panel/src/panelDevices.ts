/**
 * The panel's view of a running virtual hall: kiosk and counter-window device states, sample cards, and the
 * visitor's commands applied through the drivers' own command executor (one fault vocabulary: paper ok|near-end|out,
 * cover open|closed, unplug/replug, caller keys), so the panel and the `virtual-hall` console can never disagree
 * about what a knob does.
 *
 *   PanelCommand --toHallCommand--> HallCommand --HallCommandExecutor--> VirtualPrinter / VirtualIdCardReader /
 *                                                                         VirtualCallerKeypad / cables
 *   "evaluatorKey" --------------------------------------------------> VirtualEvaluationKeypad.press (sent as is)
 *   TicketArchive "saved" ------------------------------------------------> onTicket(n, kiosk, png path)
 *   LED strip "changed", caller "text", evaluator "request" ----------------> onChange() (the state to send again)
 */
import { maskIdNumber, maskName } from "@onewindow/contract";
import { caller, evaluator } from "@onewindow/drivers";
import {
  HallCommandExecutor,
  cardNames,
  sampleCards,
  type CardName,
  type HallCommand,
  type SavedTicket,
  type VirtualHall,
} from "@onewindow/drivers/virtual";
import type {
  DeviceLinks,
  EvaluatorKeySent,
  KioskDevices,
  LedLineView,
  PanelCommand,
  SampleCardView,
  WindowDevices,
} from "./protocol.ts";

/** A command the devices refused (no such kiosk, nothing to remove, already unplugged): `message` says why. */
export class PanelRefusal extends Error {}

/** What the panel server drives. */
export interface PanelDevices {
  readonly links: DeviceLinks;
  /** Every sample card, by its command-line name, masked. */
  readonly cards: readonly SampleCardView[];
  kiosks(): Promise<KioskDevices[]>;
  /** The counter windows' devices (none when the hall runs no windows). */
  windows(): Promise<WindowDevices[]>;
  /** Apply one command; rejects with PanelRefusal when the devices refuse it. */
  apply(command: PanelCommand): Promise<void>;
  /** Call `listener` for every ticket saved from now on; returns the unsubscribe function. */
  onTicket(listener: (ticket: SavedTicket) => void): () => void;
  /** Tickets saved so far, oldest first. */
  saved(): readonly SavedTicket[];
  /**
   * Call `listener` whenever a window device changes by the agent's doing (an LED strip's text, the caller keypad's
   * display, a rating request armed); returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void;
}

interface StatusReply {
  kiosks: {
    kiosk: number;
    printer: { plugged: boolean; condition: string; paper: KioskDevices["printer"]["paper"]; cover: "open" | "closed" };
    idCardReader: { plugged: boolean; card: string | null };
    barcodeScanner?: { plugged: boolean };
  }[];
  windows: {
    window: number;
    evaluationKeypad: { plugged: boolean; ratingPending: boolean };
    ledStrip: { plugged: boolean };
    callerKeypad: { plugged: boolean; text: string | null };
  }[];
}

/** The panel's caller key as the drivers' CallerAction; `target` is required by transfer and login. */
function callerAction(key: Extract<PanelCommand, { kind: "callerKey" }>): caller.CallerAction {
  switch (key.key) {
    case "transfer":
      if (key.target === undefined || key.target > 255)
        throw new PanelRefusal("transfer needs the target window (1-255)");
      return { kind: "transfer", targetWindow: key.target };
    case "login":
      if (key.target === undefined) throw new PanelRefusal("login needs the staff number");
      return { kind: "login", staffId: key.target };
    default:
      if (key.target !== undefined) throw new PanelRefusal(`the ${key.key} key takes no number`);
      return { kind: key.key };
  }
}

const lineViews = (lines: ReadonlyMap<number, { text: string }>): LedLineView[] =>
  [...lines].sort(([a], [b]) => a - b).map(([line, { text }]) => ({ line, text }));

const isCardName = (name: string): name is CardName => Object.hasOwn(cardNames, name);

/** The sample cards as the panel lists them (masked: nobody should learn to show ID numbers on screens). */
export function sampleCardViews(): SampleCardView[] {
  return (Object.keys(cardNames) as CardName[]).map((name) => {
    const { fields } = sampleCards[cardNames[name]];
    const person =
      "name" in fields ? fields.name : fields.chineseName.trim() === "" ? fields.englishName : fields.chineseName;
    return {
      name,
      type: fields.type,
      maskedName: maskName(person),
      maskedIdNumber: maskIdNumber(fields.idNumber),
    };
  });
}

/** Panel devices over a virtual hall's kiosks (`startVirtualHall`, or the twins a station agent runs). */
export function createPanelDevices(
  hall: Pick<VirtualHall, "devices" | "tickets">,
  options: { links: DeviceLinks },
): PanelDevices {
  const executor = new HallCommandExecutor(hall);
  const lastSent = new Map<number, EvaluatorKeySent>();
  const changeListeners = new Set<() => void>();
  const changed = (): void => {
    for (const listener of changeListeners) listener();
  };
  for (const { ledStrip, callerKeypad, evaluationKeypad } of hall.devices.windows) {
    ledStrip.device.on("changed", changed);
    callerKeypad.device.on("text", changed);
    evaluationKeypad.device.on("request", changed);
  }
  const windowOf = (n: number) => {
    const found = hall.devices.windows.find((w) => w.window === n);
    if (!found) throw new PanelRefusal(`there is no window ${n}`);
    return found;
  };
  const status = async () => (await run({ verb: "status" })) as unknown as StatusReply;
  const run = async (command: HallCommand): Promise<Record<string, unknown>> => {
    const reply = await executor.execute(command);
    if (!reply.ok) throw new PanelRefusal(reply.error);
    return reply;
  };
  return {
    links: options.links,
    cards: sampleCardViews(),
    async kiosks() {
      return (await status()).kiosks.map(({ kiosk, printer, idCardReader, barcodeScanner }) => ({
        kiosk,
        printer: { plugged: printer.plugged, paper: printer.paper, cover: printer.cover, condition: printer.condition },
        idCardReader: { plugged: idCardReader.plugged, card: idCardReader.card },
        scanner: barcodeScanner ? { plugged: barcodeScanner.plugged } : null,
      }));
    },
    async windows() {
      return (await status()).windows.map(({ window, evaluationKeypad, ledStrip, callerKeypad }) => {
        const strip = windowOf(window).ledStrip.device.state(1);
        return {
          window,
          ledStrip: { plugged: ledStrip.plugged, lines: lineViews(strip.lines), idle: lineViews(strip.idle) },
          callerKeypad: { plugged: callerKeypad.plugged, text: callerKeypad.text },
          evaluationKeypad: { ...evaluationKeypad, lastSent: lastSent.get(window) ?? null },
        };
      });
    },
    async apply(command) {
      switch (command.kind) {
        case "card":
          if (command.card !== "remove" && !isCardName(command.card))
            throw new PanelRefusal(`no sample card named "${command.card}"`);
          await run({ verb: "card", kiosk: command.kiosk, card: command.card });
          return;
        case "paper":
          await run({ verb: "paper", kiosk: command.kiosk, paper: command.paper });
          return;
        case "cover":
          await run({ verb: "cover", kiosk: command.kiosk, open: command.open });
          return;
        case "scan":
          await run({ verb: "scan", kiosk: command.kiosk, code: command.code });
          return;
        case "plug":
          await run({ verb: command.plugged ? "replug" : "unplug", station: command.kiosk, device: command.device });
          return;
        case "windowPlug":
          await run({ verb: command.plugged ? "replug" : "unplug", station: command.window, device: command.device });
          return;
        case "callerKey":
          await run({ verb: "key", window: command.window, action: callerAction(command) });
          return;
        case "evaluatorKey": {
          const keypad = windowOf(command.window).evaluationKeypad.device;
          const plugged = (await status()).windows.find((w) => w.window === command.window)?.evaluationKeypad.plugged;
          if (!plugged) throw new PanelRefusal(`window ${command.window}'s evaluator is unplugged; plug it in first`);
          // Key 1 of the five-key layout is level 5 (非常满意) … key 5 is level 1 (drivers' fiveKeyProfile).
          const level = (6 - command.key) as evaluator.SatisfactionLevel;
          const answered = keypad.pending !== undefined;
          await keypad.press(command.key);
          lastSent.set(command.window, {
            key: command.key,
            level,
            label: evaluator.levelNames[level],
            answered,
            at: Date.now(),
          });
          return;
        }
      }
    },
    onTicket(listener) {
      hall.tickets.on("saved", listener);
      return () => hall.tickets.off("saved", listener);
    },
    saved: () => hall.tickets.saved,
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}
