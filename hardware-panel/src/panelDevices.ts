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
    barcodeScanner?: { plugged: boolean };
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

/** Panel devices over a virtual hall's kiosks (`startVirtualHall`, or the twins a station agent runs). */
export function createPanelDevices(
  hall: Pick<VirtualHall, "devices" | "tickets">,
  options: { links: DeviceLinks },
): PanelDevices {
  const executor = new HallCommandExecutor(hall);
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
      return status.kiosks.map(({ kiosk, printer, idCardReader, barcodeScanner }) => ({
        kiosk,
        printer: { plugged: printer.plugged, paper: printer.paper, cover: printer.cover, condition: printer.condition },
        idCardReader: { plugged: idCardReader.plugged, card: idCardReader.card },
        scanner: barcodeScanner ? { plugged: barcodeScanner.plugged } : null,
      }));
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
      }
    },
    onTicket(listener) {
      hall.tickets.on("saved", listener);
      return () => hall.tickets.off("saved", listener);
    },
    saved: () => hall.tickets.saved,
  };
}
