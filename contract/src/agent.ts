/**
 * The station page <-> station agent channel: a loopback WebSocket (ws://127.0.0.1:<port>/agent) whose messages are
 * typed and validated here, on both sides. Pure: no I/O, only Web Crypto (in browsers and Node alike).
 *
 *   page                                   agent
 *    |  <-- challenge {nonce} -------------- |   on connect; the secret never crosses the wire
 *    |  --- sealed {seq:1, mac, payload} --> |   payload = JSON of a PageMessage ("hello" first)
 *    |  <-- welcome / devices / card / ... - |   AgentMessage, plain JSON
 *    |  --- sealed {seq:2, ...} -----------> |   seq strictly increases per connection: a replay is refused
 *
 * mac = HMAC-SHA-256(secret, "<nonce>.<seq>.<payload>") in base64url: only a holder of the per-launch secret can
 * seal a message, and a sealed message is good for one connection (nonce) and one position (seq) only.
 * The page learns the agent's address and secret from its URL fragment (`#agent=ws://127.0.0.1:P&secret=S`), which
 * a browser never sends to any server.
 */
import { z } from "zod";
import { Department, ServiceHours, TimeLimit } from "./catalog.ts";
import { AgentReason, PlainWords } from "./agentWords.ts";
import { CounterAgentMessage, CounterPageMessage } from "./counterAgent.ts";
import { ItemKind, PriorityClass } from "./enums.ts";
import { WaitInfo } from "./responses.ts";

/** Wire protocol name, sent in the challenge so a page can tell an agent it does not speak. */
export const AGENT_PROTOCOL = "onewindow-agent/1";
/** Path of the page WebSocket on the agent's loopback port. */
export const AGENT_WS_PATH = "/agent";
/** Largest frame the agent accepts from a page, in bytes: a take request is ~200 bytes. */
export const AGENT_MAX_MESSAGE_BYTES = 4096;

/** A per-launch secret: 32 random bytes in base64url (43 characters). */
export const AgentSecret = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "agent secret is 43 base64url characters");

/** An appointment code as printed on a booking and scanned at the kiosk (CheckInBody's `code`). */
export const AppointmentCode = z.string().regex(/^[A-Z0-9]{8}$/, "appointment code is 8 letters/digits");

/** Whether a scanned string is an appointment code (8 upper-case letters or digits). */
export function isAppointmentCode(text: string): boolean {
  return AppointmentCode.safeParse(text).success;
}

const requestId = z.uuid();

// ---------------------------------------------------------------------------------------------------------------
// page -> agent

/** Messages a page sends, each sealed (see the file comment). The first must be `hello`. */
export const PageMessage = z.discriminatedUnion("type", [
  /** Opens the session; the agent answers `welcome`. */
  z.strictObject({ type: z.literal("hello"), page: z.string().max(40) }),
  /**
   * Take a ticket: reserve, print, confirm as one act. `useCard`: issue with the card on the reader (its elderly
   * priority and masked name); `priority` "elderly" is honoured only when the card says so.
   */
  z.strictObject({
    type: z.literal("take"),
    requestId,
    itemCode: z.string().trim().min(1).max(64),
    priority: PriorityClass.extract(["normal", "elderly"]).default("normal"),
    useCard: z.boolean().default(false),
  }),
  /** Check in an appointment, by the card on the reader or by a scanned/typed code; prints its ticket. */
  z.strictObject({
    type: z.literal("checkIn"),
    requestId,
    by: z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("card") }),
      z.strictObject({ kind: z.literal("code"), code: AppointmentCode }),
    ]),
  }),
  /** Drop the card the agent holds (the citizen walked away or pressed "not me"). */
  z.strictObject({ type: z.literal("forgetCard") }),
  /** Ask for the devices' status again. */
  z.strictObject({ type: z.literal("status") }),
  /**
   * Ask for the hall's catalogue as a kiosk shows it. The page holds no credentials: the agent reads it from the
   * hall-server with the station's token and answers `catalog` (or `catalogUnavailable`).
   */
  z.strictObject({ type: z.literal("catalog") }),
  /**
   * Ask what a ticket of this item taken now would wait (the hall's forecast, GET /api/items/:code/wait, read with
   * the station's token); the agent answers `itemWait`. The guide screen shows it before the citizen takes one.
   */
  z.strictObject({ type: z.literal("itemWait"), itemCode: z.string().trim().min(1).max(64) }),
  /** A counter station's console: sign in and out, and the staff actions (contract/src/counterAgent.ts). */
  CounterPageMessage,
]);
export type PageMessage = z.input<typeof PageMessage>;
export type ParsedPageMessage = z.infer<typeof PageMessage>;

/** The frame a page sends: one page message as JSON text, its position, and its seal. */
export const SealedFrame = z.strictObject({
  seq: z.number().int().positive(),
  mac: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "mac is 43 base64url characters"),
  payload: z.string(),
});
export type SealedFrame = z.infer<typeof SealedFrame>;

// ---------------------------------------------------------------------------------------------------------------
// agent -> page

/** One station device as the page shows it. */
export const AgentDevice = z.strictObject({
  /** e.g. "printer", "idcard", "scanner". */
  name: z.string(),
  state: z.enum(["connected", "degraded", "disconnected"]),
  words: PlainWords,
});
export type AgentDevice = z.infer<typeof AgentDevice>;

/** A card on the reader as the page may see it: masked, never the full data (the agent keeps that). */
export const MaskedCard = z.strictObject({
  nameMasked: z.string(),
  idMasked: z.string(),
  /** 60 or older today by the card's birth date: the page may offer the elderly priority. */
  elderly: z.boolean(),
});
export type MaskedCard = z.infer<typeof MaskedCard>;

/** What a printed ticket tells the page (no personal data). */
export const TakenTicket = z.strictObject({
  number: z.string(),
  itemName: z.string(),
  ahead: z.number().int().nonnegative(),
  expectedWaitMinutes: z.number().int().nonnegative(),
  /** The forecast's likely range, whole minutes; the page words it with `waitWords`. */
  waitRangeMinutes: z.strictObject({ low: z.number().int().nonnegative(), high: z.number().int().nonnegative() }),
  /** False when nobody qualified was serving the item when it was issued. */
  staffed: z.boolean(),
  /** Where to wait: the areas and numbers of the windows that serve the item. */
  areas: z.array(z.string()),
  windows: z.array(z.string()),
});
export type TakenTicket = z.infer<typeof TakenTicket>;

/** A service item as a kiosk shows it: what to bring, the promised time limit, hours, caps, and how to find it. */
export const KioskItem = z.strictObject({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  departmentCode: z.string(),
  /** Category when browsing, "" = uncategorised. */
  category: z.string(),
  kind: ItemKind,
  /** Promised time limit (承诺时限): `value` in `unit`; 0 = handled on the spot. */
  promisedLimit: TimeLimit,
  /** Required materials, one per entry (一次性告知). */
  materials: z.array(z.string()),
  idCardRequired: z.boolean(),
  hours: z.array(ServiceHours),
  /** Tickets a day, null = no cap. */
  dailyCap: z.number().int().nonnegative().nullable(),
  /** Pinyin initials of the name, lower case, letters only (e.g. "hjbl" for 户籍办理): search by initials. */
  initials: z.string(),
});
export type KioskItem = z.infer<typeof KioskItem>;

/** The catalogue a kiosk browses: active items only, no staff, no credentials. */
export const KioskCatalog = z.strictObject({
  departments: z.array(Department),
  items: z.array(KioskItem),
  /** Where each window is, to say where to wait. */
  windows: z.array(
    z.strictObject({
      number: z.number().int().positive(),
      area: z.string(),
      floor: z.string(),
      allowedItems: z.array(z.string()).nullable(),
    }),
  ),
});
export type KioskCatalog = z.infer<typeof KioskCatalog>;

/** Messages the agent sends a page. */
export const AgentMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("challenge"), protocol: z.literal(AGENT_PROTOCOL), nonce: z.string() }),
  z.strictObject({ type: z.literal("welcome"), station: z.string(), devices: z.array(AgentDevice) }),
  z.strictObject({ type: z.literal("devices"), devices: z.array(AgentDevice) }),
  z.strictObject({ type: z.literal("card"), card: MaskedCard }),
  z.strictObject({ type: z.literal("cardRemoved") }),
  z.strictObject({ type: z.literal("cardRefused"), reason: AgentReason }),
  z.strictObject({ type: z.literal("scan"), code: AppointmentCode }),
  z.strictObject({ type: z.literal("scanRefused"), reason: AgentReason }),
  /** The take or check-in `requestId` printed; the ticket is in the queue. */
  z.strictObject({ type: z.literal("taken"), requestId, ticket: TakenTicket }),
  /** The take or check-in `requestId` did not happen (nothing issued, or voided): why, in plain words. */
  z.strictObject({ type: z.literal("refused"), requestId, reason: AgentReason }),
  /** A reprint ordered by staff came out (or failed). */
  z.strictObject({ type: z.literal("reprinted"), number: z.string(), ok: z.boolean() }),
  /** The catalogue the page asked for. */
  z.strictObject({ type: z.literal("catalog"), catalog: KioskCatalog }),
  /** The catalogue could not be read (hall-server unreachable, station not paired): why, in plain words. */
  z.strictObject({ type: z.literal("catalogUnavailable"), reason: AgentReason }),
  /** Answer to `itemWait`: people ahead and the forecast wait of a ticket taken now; null when the hall could not say. */
  z.strictObject({ type: z.literal("itemWait"), itemCode: z.string(), wait: WaitInfo.nullable() }),
  /** A frame the agent refused (bad seal, replay, malformed, oversized): nothing changed. */
  z.strictObject({ type: z.literal("error"), reason: AgentReason }),
  /** A counter station's state and the answers to its console's requests (contract/src/counterAgent.ts). */
  CounterAgentMessage,
]);
export type AgentMessage = z.infer<typeof AgentMessage>;

// ---------------------------------------------------------------------------------------------------------------
// fragment

/** Where a page finds its agent: the loopback WebSocket URL and the per-launch secret. */
export interface AgentAddress {
  readonly url: string;
  readonly secret: string;
}

const loopbackUrl = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return url.protocol === "ws:" && url.hostname === "127.0.0.1" && url.port !== "" && url.pathname === "/";
  } catch {
    return false;
  }
}, "agent address must be ws://127.0.0.1:<port>");

/**
 * Parse a page URL's fragment ("#agent=ws://127.0.0.1:P&secret=S", the "#" optional). Returns the address, or
 * `{ error }` in plain English naming what is missing or wrong (a non-loopback address is refused).
 */
export function parseAgentFragment(fragment: string): AgentAddress | { readonly error: string } {
  const params = new URLSearchParams(fragment.startsWith("#") ? fragment.slice(1) : fragment);
  const url = params.get("agent");
  const secret = params.get("secret");
  if (url === null) return { error: "the page address has no agent= in its fragment" };
  if (secret === null) return { error: "the page address has no secret= in its fragment" };
  const urlCheck = loopbackUrl.safeParse(url);
  if (!urlCheck.success) return { error: "agent address must be ws://127.0.0.1:<port>" };
  const secretCheck = AgentSecret.safeParse(secret);
  if (!secretCheck.success) return { error: "agent secret is 43 base64url characters" };
  return { url: new URL(url).origin.replace(/^http/, "ws") + "/", secret };
}

/** The fragment ("agent=...&secret=...", without "#") that `parseAgentFragment` reads. */
export function formatAgentFragment(address: AgentAddress): string {
  return new URLSearchParams({ agent: address.url, secret: address.secret }).toString();
}

// ---------------------------------------------------------------------------------------------------------------
// sealing

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function hmac(secret: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return base64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(text))));
}

/** The seal of `payload` at `seq` on the connection whose challenge carried `nonce` (base64url HMAC-SHA-256). */
export function sealOf(secret: string, nonce: string, seq: number, payload: string): Promise<string> {
  return hmac(secret, `${nonce}.${seq}.${payload}`);
}

/** Seal a page message for sending: the frame's JSON text. */
export async function sealPageMessage(
  secret: string,
  nonce: string,
  seq: number,
  message: PageMessage,
): Promise<string> {
  const payload = JSON.stringify(message);
  const frame: SealedFrame = { seq, mac: await sealOf(secret, nonce, seq, payload), payload };
  return JSON.stringify(frame);
}

/** Constant-time string comparison (equal lengths assumed by callers; unequal ones are simply unequal). */
export function sameSeal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Age in whole years on `today` (both "YYYYMMDD"). */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(4) >= birthDate.slice(4) ? years : years - 1;
}

/** Age from which a card holder may take the elderly priority (老年人, 60). */
export const ELDERLY_AGE = 60;
