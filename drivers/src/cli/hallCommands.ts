/**
 * The virtual hall's command language: one text line -> one typed command, or an error that names what was wrong
 * and shows the command's usage. Pure: no I/O, and nothing here knows how many kiosks or windows the hall has
 * (the executor checks that).
 *
 *   "key 2 transfer 5" --tokens--> verb "key" --its parser--> { verb: "key", window: 2, action: { kind: "transfer",
 *                                                                targetWindow: 5 } }
 */
import type { CallerAction } from "../caller/codec.ts";
import { levelNames, type SatisfactionLevel } from "../evaluator/codec.ts";
import type { sampleCards } from "../idcard/sampleCards.ts";

/** Command-line names of the sample cards (`sampleCards` keys), in the order help lists them. */
export const cardNames = {
  resident: "resident",
  "resident-long-term": "residentLongTerm",
  "resident-uyghur": "residentUyghur",
  "invalid-check-digit": "invalidCheckDigit",
  "hk-macau": "hongKongPermit",
  taiwan: "taiwanPermit",
  "foreign-2017": "foreign2017",
  "foreign-2023": "foreign2023",
} as const satisfies Record<string, keyof typeof sampleCards>;
export type CardName = keyof typeof cardNames;

/** Devices that can be unplugged: the first three sit at a kiosk, the other three at a window. */
export const hallDevices = ["printer", "idcard", "scanner", "evaluator", "led", "caller"] as const;
export type HallDevice = (typeof hallDevices)[number];
export const kioskDevices: readonly HallDevice[] = ["printer", "idcard", "scanner"];

/** English names of the rating levels; the Chinese names of `levelNames` are accepted too. */
export const levelWords: ReadonlyMap<string, SatisfactionLevel> = new Map<string, SatisfactionLevel>([
  ["very-satisfied", 5],
  ["satisfied", 4],
  ["basically-satisfied", 3],
  ["dissatisfied", 2],
  ["very-dissatisfied", 1],
]);

/** Every command the virtual hall understands. */
export type HallCommand =
  | { readonly verb: "help" | "tickets" | "status" | "quit" }
  | { readonly verb: "card"; readonly kiosk: number; readonly card: CardName | "remove" }
  | { readonly verb: "scan"; readonly kiosk: number; readonly code: string }
  | { readonly verb: "paper"; readonly kiosk: number; readonly paper: "ok" | "near-end" | "out" }
  | { readonly verb: "cover"; readonly kiosk: number; readonly open: boolean }
  | { readonly verb: "cutter"; readonly kiosk: number; readonly jam: boolean }
  | { readonly verb: "unplug" | "replug"; readonly station: number; readonly device: HallDevice }
  | { readonly verb: "key"; readonly window: number; readonly action: CallerAction }
  | { readonly verb: "rate"; readonly window: number; readonly level: SatisfactionLevel }
  | { readonly verb: "led"; readonly window: number };
export type HallVerb = HallCommand["verb"];

/** A parsed line: the command, or an error; `verb` is set whenever the first word was a known command. */
export type ParsedHallCommand =
  | { readonly ok: true; readonly command: HallCommand }
  | { readonly ok: false; readonly verb: HallVerb | null; readonly error: string };

const simpleKeys = ["next", "recall", "pause", "resume", "skip", "logout"] as const;

/** Usage and meaning of every command, in help order. */
export const hallCommandHelp: Readonly<Record<HallVerb, { readonly usage: string; readonly does: string }>> = {
  help: { usage: "help", does: "list the commands" },
  card: {
    usage: "card <kiosk> <type>|remove",
    does: `place a sample card on the kiosk's ID-card reader (${Object.keys(cardNames).join(", ")}) or lift it off`,
  },
  scan: {
    usage: "scan <kiosk> <code>",
    does: "scan a code (printable ASCII, no blanks, up to 256 characters) on the kiosk's serial barcode scanner",
  },
  paper: { usage: "paper <kiosk> ok|near-end|out", does: "set the kiosk printer's paper sensor (ok loads a new roll)" },
  cover: { usage: "cover <kiosk> open|closed", does: "open or close the kiosk printer's cover" },
  cutter: { usage: "cutter <kiosk> jam|ok", does: "jam the kiosk printer's cutter at the next cut, or clear it" },
  unplug: {
    usage: `unplug <kiosk|window> ${hallDevices.join("|")}`,
    does: "pull a device's cable (printer and idcard are kiosk devices, the rest window devices)",
  },
  replug: { usage: `replug <kiosk|window> ${hallDevices.join("|")}`, does: "plug an unplugged device back in" },
  key: {
    usage: `key <window> ${simpleKeys.join("|")}|rate|transfer <window>|login <staff number>`,
    does: "press a key on the window's caller keypad (rate asks the citizen for a rating)",
  },
  rate: {
    usage: `rate <window> 1-5|${[...levelWords.keys()].join("|")}`,
    does: "the citizen answers the pending rating request on the window's evaluation keypad (5 = very satisfied)",
  },
  led: { usage: "led <window>", does: "show what the window's LED strip displays now" },
  tickets: { usage: "tickets", does: "list the tickets printed and saved so far" },
  status: { usage: "status", does: "every device's state: plugged, paper, cover, cutter, card, texts shown" },
  quit: { usage: "quit", does: "stop every device and exit (as SIGINT)" },
};

const isVerb = (word: string): word is HallVerb => Object.hasOwn(hallCommandHelp, word);

class UsageError extends Error {}

/** Parse one line of input. Words are separated by blanks; verbs and keywords are case-insensitive. */
export function parseHallCommand(line: string): ParsedHallCommand {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const [first, ...args] = words;
  if (first === undefined) return { ok: false, verb: null, error: "empty command; type help for the list" };
  const verb = first.toLowerCase();
  if (!isVerb(verb)) return { ok: false, verb: null, error: `unknown command "${first}"; type help for the list` };
  try {
    return { ok: true, command: parseArgs(verb, args) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { ok: false, verb, error: `${error.message}; usage: ${hallCommandHelp[verb].usage}` };
  }
}

function parseArgs(verb: HallVerb, args: readonly string[]): HallCommand {
  switch (verb) {
    case "help":
    case "tickets":
    case "status":
    case "quit":
      expectCount(verb, args, 0);
      return { verb };
    case "card": {
      expectCount(verb, args, 2);
      const card = oneOf(args[1], [...Object.keys(cardNames), "remove"] as (CardName | "remove")[], "card type");
      return { verb, kiosk: station(args[0], "kiosk"), card };
    }
    case "scan": {
      expectCount(verb, args, 2);
      const code = args[1] ?? "";
      if (!/^[\x21-\x7e]{1,256}$/.test(code))
        throw new UsageError(`a code is 1-256 printable ASCII characters without blanks, got "${code.slice(0, 40)}"`);
      return { verb, kiosk: station(args[0], "kiosk"), code };
    }
    case "paper":
      expectCount(verb, args, 2);
      return { verb, kiosk: station(args[0], "kiosk"), paper: oneOf(args[1], ["ok", "near-end", "out"], "paper") };
    case "cover":
      expectCount(verb, args, 2);
      return { verb, kiosk: station(args[0], "kiosk"), open: oneOf(args[1], ["open", "closed"], "cover") === "open" };
    case "cutter":
      expectCount(verb, args, 2);
      return { verb, kiosk: station(args[0], "kiosk"), jam: oneOf(args[1], ["jam", "ok"], "cutter") === "jam" };
    case "unplug":
    case "replug": {
      expectCount(verb, args, 2);
      const device = oneOf(args[1], hallDevices, "device");
      return { verb, device, station: station(args[0], kioskDevices.includes(device) ? "kiosk" : "window") };
    }
    case "key":
      return { verb, window: station(args[0], "window"), action: parseKey(args.slice(1)) };
    case "rate":
      expectCount(verb, args, 2);
      return { verb, window: station(args[0], "window"), level: parseLevel(args[1] ?? "") };
    case "led":
      expectCount(verb, args, 1);
      return { verb, window: station(args[0], "window") };
  }
}

function expectCount(verb: HallVerb, args: readonly string[], count: number): void {
  if (args.length !== count)
    throw new UsageError(
      `${verb} takes ${count === 0 ? "no" : count} argument${count === 1 ? "" : "s"}, got ${args.length}`,
    );
}

/** A kiosk or window number, 1-99 (the hall's own limits are the executor's business). */
function station(word: string | undefined, kind: "kiosk" | "window"): number {
  if (word === undefined) throw new UsageError(`missing ${kind} number`);
  return integer(word, `${kind} number`, 1, 99);
}

function integer(word: string, what: string, min: number, max: number): number {
  const n = Number(word);
  if (!/^\d+$/.test(word) || n < min || n > max) throw new UsageError(`${what} must be ${min}-${max}, got "${word}"`);
  return n;
}

function oneOf<T extends string>(word: string | undefined, choices: readonly T[], what: string): T {
  if (word === undefined) throw new UsageError(`missing ${what}: one of ${choices.join(", ")}`);
  const found = choices.find((choice) => choice === word.toLowerCase());
  if (found === undefined) throw new UsageError(`${what} must be one of ${choices.join(", ")}, got "${word}"`);
  return found;
}

function parseKey(args: readonly string[]): CallerAction {
  const [key, argument, ...rest] = args;
  const kind = oneOf(key, [...simpleKeys, "rate", "transfer", "login"], "key");
  if (kind === "transfer" || kind === "login") {
    if (argument === undefined)
      throw new UsageError(kind === "transfer" ? "transfer needs the target window" : "login needs the staff number");
    if (rest.length > 0) throw new UsageError(`key ${kind} takes one value, got ${rest.length + 1}`);
    return kind === "transfer"
      ? { kind, targetWindow: integer(argument, "target window", 1, 255) }
      : { kind, staffId: integer(argument, "staff number", 0, 0xffffffff) };
  }
  if (argument !== undefined) throw new UsageError(`key ${kind} takes no value, got "${argument}"`);
  return { kind: kind === "rate" ? "requestRating" : kind };
}

function parseLevel(word: string): SatisfactionLevel {
  if (/^[1-5]$/.test(word)) return Number(word) as SatisfactionLevel;
  const level =
    levelWords.get(word.toLowerCase()) ??
    (Object.entries(levelNames).find(([, name]) => name === word)?.[0] as `${SatisfactionLevel}` | undefined);
  if (level === undefined)
    throw new UsageError(
      `rating must be 1-5, ${[...levelWords.keys()].join(", ")} or ${Object.values(levelNames).join(", ")}, got "${word}"`,
    );
  return Number(level) as SatisfactionLevel;
}
