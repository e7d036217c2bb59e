/**
 * The panel's view of a running virtual hall: kiosk device states, sample cards, and the visitor's commands applied
 * through the drivers' own command executor (one fault vocabulary: paper ok|near-end|out, cover open|closed,
 * unplug/replug), so the panel and the `virtual-hall` console can never disagree about what a knob does.
 *
 *   PanelCommand --toHallCommand--> HallCommand --HallCommandExecutor--> VirtualPrinter / VirtualIdCardReader
 *   TicketArchive "saved" ------------------------------------------------> onTicket(n, kiosk, png path)
 */
import { maskIdNumber, maskName } from "@onewindow/contract";
import {
  HallCommandExecutor,
  cardNames,
  sampleCards,
  type CardName,
  type HallCommand,
  type SavedTicket,
  type VirtualHall,
} from "@onewindow/drivers/virtual";
import type { DeviceLinks, KioskDevices, PanelCommand, SampleCardView } from "./protocol.ts";

/** A command the devices refused (no such kiosk, nothing to remove, already unplugged): `message` says why. */
export class PanelRefusal extends Error {}

/** A barcode scanner twin the panel can make read a code. */
export interface PanelScanner {
  readonly kiosk: number;
  scan(code: string): Promise<void>;
  readonly plugged: boolean;
  unplug(): Promise<void>;
  replug(): Promise<void>;
}

/** What the panel server drives. */
export interface PanelDevices {
  readonly links: DeviceLinks;
  /** Every sample card, by its command-line name, masked. */
  readonly cards: readonly SampleCardView[];
  kiosks(): Promise<KioskDevices[]>;
  /** Apply one command; rejects with PanelRefusal when the devices refuse it. */
  apply(command: PanelCommand): Promise<void>;
  /** Call `listener` for every ticket saved from now on; returns the unsubscribe function. */
  onTicket(listener: (ticket: SavedTicket) => void): () => void;
  /** Tickets saved so far, oldest first. */
  saved(): readonly SavedTicket[];
}

interface StatusReply {
  kiosks: {
    kiosk: number;
    printer: { plugged: boolean; condition: string; paper: KioskDevices["printer"]["paper"]; cover: "open" | "closed" };
    idCardReader: { plugged: boolean; card: string | null };
  }[];
}

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

/** Panel devices over a virtual hall started by `startVirtualHall`, plus optional scanner twins. */
export function createPanelDevices(
  hall: Pick<VirtualHall, "devices" | "tickets">,
  options: { links: DeviceLinks; scanners?: readonly PanelScanner[] },
): PanelDevices {
  const executor = new HallCommandExecutor(hall);
  const scanners = options.scanners ?? [];
  const scannerOf = (kiosk: number): PanelScanner => {
    const found = scanners.find((s) => s.kiosk === kiosk);
    if (!found) throw new PanelRefusal(`kiosk ${kiosk} has no barcode scanner`);
    return found;
  };
  const run = async (command: HallCommand): Promise<Record<string, unknown>> => {
    const reply = await executor.execute(command);
    if (!reply.ok) throw new PanelRefusal(reply.error);
    return reply;
  };
  return {
    links: options.links,
    cards: sampleCardViews(),
    async kiosks() {
      const status = (await run({ verb: "status" })) as unknown as StatusReply;
      return status.kiosks.map(({ kiosk, printer, idCardReader }) => {
        const scanner = scanners.find((s) => s.kiosk === kiosk);
        return {
          kiosk,
          printer: {
            plugged: printer.plugged,
            paper: printer.paper,
            cover: printer.cover,
            condition: printer.condition,
          },
          idCardReader: { plugged: idCardReader.plugged, card: idCardReader.card },
          scanner: scanner ? { plugged: scanner.plugged } : null,
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
        case "scan": {
          const scanner = scannerOf(command.kiosk);
          if (!scanner.plugged) throw new PanelRefusal(`kiosk ${command.kiosk}'s scanner is unplugged`);
          try {
            await scanner.scan(command.code);
          } catch (error) {
            // The twin takes printable ASCII only, as a scanner's serial output is: say so, change nothing.
            if (error instanceof RangeError) throw new PanelRefusal(error.message);
            throw error;
          }
          return;
        }
        case "plug": {
          if (command.device === "scanner") {
            const scanner = scannerOf(command.kiosk);
            if (scanner.plugged === command.plugged)
              throw new PanelRefusal(
                `kiosk ${command.kiosk}'s scanner is already ${command.plugged ? "plugged in" : "unplugged"}`,
              );
            await (command.plugged ? scanner.replug() : scanner.unplug());
            return;
          }
          await run({ verb: command.plugged ? "replug" : "unplug", station: command.kiosk, device: command.device });
          return;
        }
      }
    },
    onTicket(listener) {
      hall.tickets.on("saved", listener);
      return () => hall.tickets.off("saved", listener);
    },
    saved: () => hall.tickets.saved,
  };
}
