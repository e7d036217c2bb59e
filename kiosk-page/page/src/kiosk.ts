/**
 * The kiosk's state, one per page: the agent link, the catalogue, the card on the reader (masked only), the scanner,
 * the devices, and the take / check-in in flight. Screens read it; only the actions here change it.
 */
import { reactive } from "vue";
import {
  parseAgentFragment,
  type AgentDevice,
  type AgentMessage,
  type AgentReason,
  type KioskCatalog,
  type MaskedCard,
  type TakenTicket,
  type WaitInfo,
} from "@onewindow/contract";
import { linkAgent, type AgentLink } from "@onewindow/web-build/page/agentLink.ts";

/** The outcome of the last take or check-in, shown on the result screen. */
export type Outcome =
  | { readonly kind: "taken"; readonly ticket: TakenTicket; readonly itemCode: string | null }
  | { readonly kind: "refused"; readonly reason: AgentReason; readonly itemCode: string | null };

export const kiosk = reactive({
  /** Why the page cannot reach its agent (a bad fragment), else null. */
  addressProblem: null as string | null,
  connected: false,
  station: "",
  devices: [] as AgentDevice[],
  catalog: null as KioskCatalog | null,
  catalogProblem: null as AgentReason | null,
  card: null as MaskedCard | null,
  /** The last card refusal (bad ID number, expired), shown until the next card or reset. */
  cardProblem: null as AgentReason | null,
  /** The last scan refusal (not an appointment code). */
  scanProblem: null as AgentReason | null,
  /** The requestId of the take or check-in in flight. */
  pending: null as string | null,
  outcome: null as Outcome | null,
  /** The wait of a ticket taken now of the item on the guide screen (`askItemWait`); null until the hall says. */
  itemWait: null as { readonly itemCode: string; readonly wait: WaitInfo } | null,
});

let link: AgentLink | undefined;
let pendingItem: string | null = null;
const scanListeners = new Set<(code: string) => void>();

function onMessage(message: AgentMessage): void {
  switch (message.type) {
    case "welcome":
      kiosk.station = message.station;
      kiosk.devices = message.devices;
      if (kiosk.catalog === null) void link?.send({ type: "catalog" });
      return;
    case "devices":
      kiosk.devices = message.devices;
      return;
    case "catalog":
      kiosk.catalog = message.catalog;
      kiosk.catalogProblem = null;
      return;
    case "catalogUnavailable":
      kiosk.catalogProblem = message.reason;
      return;
    case "itemWait":
      kiosk.itemWait = message.wait === null ? null : { itemCode: message.itemCode, wait: message.wait };
      return;
    case "card":
      kiosk.card = message.card;
      kiosk.cardProblem = null;
      return;
    case "cardRemoved":
      // The agent keeps a lifted card's data until it is used or forgotten: a citizen lifts the card to press "take".
      return;
    case "cardRefused":
      kiosk.card = null;
      kiosk.cardProblem = message.reason;
      return;
    case "scan":
      kiosk.scanProblem = null;
      for (const listener of scanListeners) listener(message.code);
      return;
    case "scanRefused":
      kiosk.scanProblem = message.reason;
      return;
    case "taken":
    case "refused":
      if (message.requestId !== kiosk.pending) return;
      kiosk.pending = null;
      kiosk.outcome =
        message.type === "taken"
          ? { kind: "taken", ticket: message.ticket, itemCode: pendingItem }
          : { kind: "refused", reason: message.reason, itemCode: pendingItem };
      return;
    default:
      return;
  }
}

/** Connect to the agent named in `fragment` (the page URL's "#agent=...&secret=..."). */
export function startKiosk(fragment: string): void {
  const address = parseAgentFragment(fragment);
  if ("error" in address) {
    kiosk.addressProblem = address.error;
    return;
  }
  link = linkAgent(address, {
    page: "kiosk",
    onMessage,
    onOpen(open) {
      kiosk.connected = open;
      if (!open && kiosk.pending !== null) kiosk.pending = null;
    },
  });
}

/** Ask what a ticket of `itemCode` taken now would wait; the answer lands in `kiosk.itemWait`. */
export function askItemWait(itemCode: string): void {
  if (kiosk.itemWait?.itemCode !== itemCode) kiosk.itemWait = null;
  void link?.send({ type: "itemWait", itemCode });
}

/** Ask for the catalogue again (after it could not be read). */
export function reloadCatalog(): void {
  void link?.send({ type: "catalog" });
}

async function request(itemCode: string | null, message: (requestId: string) => Parameters<AgentLink["send"]>[0]) {
  if (kiosk.pending !== null) return;
  const requestId = crypto.randomUUID();
  kiosk.pending = requestId;
  kiosk.outcome = null;
  pendingItem = itemCode;
  if (!(await link?.send(message(requestId)))) {
    kiosk.pending = null;
    kiosk.outcome = {
      kind: "refused",
      itemCode,
      reason: {
        code: "agent_unreachable",
        words: {
          zh: "本机设备暂未就绪，请稍后再试或到服务台取号",
          en: "This kiosk is not ready; please try again shortly or ask at the service desk",
        },
      },
    };
  }
}

/** Take a ticket of `itemCode`, with the card on the reader when `useCard`, as elderly priority when `elderly`. */
export function takeTicket(itemCode: string, options: { useCard: boolean; elderly: boolean }): Promise<void> {
  return request(itemCode, (requestId) => ({
    type: "take",
    requestId,
    itemCode,
    useCard: options.useCard || options.elderly,
    priority: options.elderly ? "elderly" : "normal",
  }));
}

/** Check in an appointment by the card on the reader, or by its code (scanned or typed). */
export function checkIn(by: { kind: "card" } | { kind: "code"; code: string }): Promise<void> {
  return request(null, (requestId) => ({ type: "checkIn", requestId, by }));
}

/** Forget the card here and in the agent (the citizen left, or pressed "not me"). */
export function forgetCard(): void {
  kiosk.card = null;
  kiosk.cardProblem = null;
  void link?.send({ type: "forgetCard" });
}

/** Clear everything a citizen left behind: their card, refusals, the last outcome. */
export function resetCitizen(): void {
  forgetCard();
  kiosk.scanProblem = null;
  kiosk.outcome = null;
}

/** Listen for appointment codes from the serial scanner (through the agent); returns the unsubscribe. */
export function onScan(listener: (code: string) => void): () => void {
  scanListeners.add(listener);
  return () => scanListeners.delete(listener);
}
