/**
 * The hardware panel's messages between its page and the demo process, validated on both sides (zod). Pure: the
 * page bundles this file too.
 *
 *   page --PanelRequest {id, command}--> panel server --> virtual device knob/action
 *   page <--PanelMessage: "state" (every device, on connect and after each change), "ticket" (one printed),
 *           "reply" (to request id: ok, or the device's refusal in words)
 */
import { z } from "zod";

/** The kiosk devices a visitor can unplug and plug back. */
export const PanelDevice = z.enum(["printer", "idcard", "scanner"]);
export type PanelDevice = z.infer<typeof PanelDevice>;

/** Paper sensor positions of the virtual printer (the drivers' fault vocabulary). */
export const PaperLevel = z.enum(["ok", "near-end", "out"]);
export type PaperLevel = z.infer<typeof PaperLevel>;

const kiosk = z.number().int().min(1).max(99);
const window = z.number().int().min(1).max(99);

/** A window's devices a visitor can unplug and plug back (the drivers' names: evaluator, led, caller). */
export const PanelWindowDevice = z.enum(["caller", "evaluator", "led"]);
export type PanelWindowDevice = z.infer<typeof PanelWindowDevice>;

/**
 * The caller keypad's keys (呼叫器, drivers' CallerAction): `transfer` carries the target window, `login` a staff
 * number (the agent refuses keypad sign-in: a keypad carries no PIN), `requestRating` asks the citizen to rate.
 */
export const CallerKeyName = z.enum([
  "next",
  "recall",
  "skip",
  "pause",
  "resume",
  "transfer",
  "requestRating",
  "login",
  "logout",
]);
export type CallerKeyName = z.infer<typeof CallerKeyName>;

/** Keys of the five-key evaluation keypad: key 1 = 非常满意 (level 5) … key 5 = 非常不满意 (level 1). */
export const EVALUATOR_KEYS = [1, 2, 3, 4, 5] as const;

/** What a visitor does on the panel. */
export const PanelCommand = z.discriminatedUnion("kind", [
  /** Place a sample card (its name in `PanelState.cards`) on the kiosk's reader, or lift it off ("remove"). */
  z.strictObject({ kind: z.literal("card"), kiosk, card: z.string().min(1).max(40) }),
  /** Scan a code with the kiosk's barcode scanner. */
  z.strictObject({ kind: z.literal("scan"), kiosk, code: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal("paper"), kiosk, paper: PaperLevel }),
  z.strictObject({ kind: z.literal("cover"), kiosk, open: z.boolean() }),
  z.strictObject({ kind: z.literal("plug"), kiosk, device: PanelDevice, plugged: z.boolean() }),
  /** Press a key of the window's caller keypad; `target` is the window of `transfer`, the staff number of `login`. */
  z.strictObject({
    kind: z.literal("callerKey"),
    window,
    key: CallerKeyName,
    target: z.number().int().min(1).max(99_999_999).optional(),
  }),
  /** Press key 1-5 of the window's evaluation keypad (sent whether or not a rating was asked for). */
  z.strictObject({ kind: z.literal("evaluatorKey"), window, key: z.number().int().min(1).max(5) }),
  z.strictObject({ kind: z.literal("windowPlug"), window, device: PanelWindowDevice, plugged: z.boolean() }),
]);
export type PanelCommand = z.infer<typeof PanelCommand>;

/** A command with the id its reply will carry. */
export const PanelRequest = z.strictObject({
  id: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31),
  command: PanelCommand,
});
export type PanelRequest = z.infer<typeof PanelRequest>;

/** One kiosk's devices as the panel shows them. `scanner` is null when the kiosk has none. */
export const KioskDevices = z.strictObject({
  kiosk,
  printer: z.strictObject({
    plugged: z.boolean(),
    paper: PaperLevel,
    cover: z.enum(["open", "closed"]),
    /** The one condition the kiosk is told about (drivers' PrinterCondition), most severe first. */
    condition: z.string(),
  }),
  idCardReader: z.strictObject({ plugged: z.boolean(), card: z.string().nullable() }),
  scanner: z.strictObject({ plugged: z.boolean() }).nullable(),
});
export type KioskDevices = z.infer<typeof KioskDevices>;

/** One line of an LED strip. */
export const LedLineView = z.strictObject({ line: z.number().int(), text: z.string() });
export type LedLineView = z.infer<typeof LedLineView>;

/** What a window's evaluation keypad last sent, as the panel pressed it. */
export const EvaluatorKeySent = z.strictObject({
  key: z.number().int().min(1).max(5),
  /** The satisfaction level the key stands for (5 = 非常满意) and its name. */
  level: z.number().int().min(1).max(5),
  label: z.string(),
  /** Whether the agent had asked for a rating when the key went out (otherwise it went out unsolicited). */
  answered: z.boolean(),
  /** Epoch ms. */
  at: z.number(),
});
export type EvaluatorKeySent = z.infer<typeof EvaluatorKeySent>;

/** One counter window's devices as the panel shows them: what its LED strip shows now, its two keypads. */
export const WindowDevices = z.strictObject({
  window,
  ledStrip: z.strictObject({
    plugged: z.boolean(),
    /** Lines shown now (empty: the strip shows its idle text, if any). */
    lines: z.array(LedLineView),
    idle: z.array(LedLineView),
  }),
  callerKeypad: z.strictObject({
    plugged: z.boolean(),
    /** The text the agent last sent to the keypad's own display, if any. */
    text: z.string().nullable(),
  }),
  evaluationKeypad: z.strictObject({
    plugged: z.boolean(),
    /** A rating request is armed on the keypad now. */
    ratingPending: z.boolean(),
    lastSent: EvaluatorKeySent.nullable(),
  }),
});
export type WindowDevices = z.infer<typeof WindowDevices>;

/** A sample card, as the panel lists it: never the full name or ID number, though all of them are invented. */
export const SampleCardView = z.strictObject({
  name: z.string(),
  /** Card type: resident, hmt-permit, foreign-2017, foreign-2023. */
  type: z.string(),
  maskedName: z.string(),
  maskedIdNumber: z.string(),
});
export type SampleCardView = z.infer<typeof SampleCardView>;

/** A code the scanner can be made to read: a demo appointment's code, or a string that is none. */
export const SampleCode = z.strictObject({
  code: z.string(),
  kind: z.enum(["appointment", "other"]),
  /** For appointments: the item's name and the slot (local "HH:MM"). */
  itemName: z.string().optional(),
  slot: z.string().optional(),
});
export type SampleCode = z.infer<typeof SampleCode>;

/** A ticket the virtual printer cut: `image` is the PNG's URL relative to the panel page. */
export const PrintedTicket = z.strictObject({ n: z.number().int().min(1), kiosk, image: z.string() });
export type PrintedTicket = z.infer<typeof PrintedTicket>;

/** How the devices reach their drivers: socat PTY pairs, or in-memory links when socat is missing. */
export const DeviceLinks = z.enum(["pty", "memory"]);
export type DeviceLinks = z.infer<typeof DeviceLinks>;

export const PanelState = z.strictObject({
  links: DeviceLinks,
  kiosks: z.array(KioskDevices),
  /** The counter windows' devices (empty when the demo runs no counters). */
  windows: z.array(WindowDevices),
  cards: z.array(SampleCardView),
  codes: z.array(SampleCode),
  /** Printed tickets, oldest first (the last 50). */
  tickets: z.array(PrintedTicket),
});
export type PanelState = z.infer<typeof PanelState>;

/** Every message the panel server sends. */
export const PanelMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("state"), state: PanelState }),
  z.strictObject({ type: z.literal("ticket"), ticket: PrintedTicket }),
  /** The answer to request `id` (null when the request was too malformed to carry one); `error` when refused. */
  z.strictObject({
    type: z.literal("reply"),
    id: z.number().int().nullable(),
    ok: z.boolean(),
    error: z.string().optional(),
  }),
]);
export type PanelMessage = z.infer<typeof PanelMessage>;

/** Largest message the server accepts from a page, in bytes: a command is far smaller. */
export const MAX_REQUEST_BYTES = 2048;

/** How many printed tickets the state keeps. */
export const TICKETS_KEPT = 50;
