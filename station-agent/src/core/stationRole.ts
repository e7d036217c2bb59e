/**
 * What a station does besides the core (token and pairing, the hall-server client and /ws link, the page server,
 * device health): the kiosk role (take flow, cards, reprints) or the counter role (staff session, counter state,
 * caller keypad, LED strip). The composition root (../agent.ts) picks one by `station.kind`.
 */
import type { ParsedPageMessage } from "@onewindow/contract";
import type { PageConnection } from "../page/pageServer.ts";

export interface StationRole {
  /** A page said hello and got `welcome`: send it what it needs to draw itself (`page` is hello's page name). */
  greet(page: PageConnection, pageName: string): void;
  /** A page message other than hello and status; one the role does not know is answered with `error`. */
  handle(message: ParsedPageMessage, from: PageConnection): Promise<void>;
  /** The hall-server's /ws opened (first time or again after a loss). */
  hallConnected(): void;
  /** The hall-server's /ws closed: it is unreachable until `hallConnected`. */
  hallDisconnected(): void;
  /** The station was just paired (it has a device token now). */
  paired(): void;
  /** The hall revoked the station's device token. */
  unpaired(): void;
  /** Start after the devices opened. */
  start(): Promise<void>;
  stop(): Promise<void>;
}
