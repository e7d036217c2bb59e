/**
 * The station's config file (e.g. station.json), validated at boot: a wrong value stops the agent with one line per
 * problem naming the field, before anything opens.
 *
 * {
 *   "hallUrl": "http://192.168.1.10:8080",        the hall-server; the station's page is served from its origin
 *   "station": { "kind": "kiosk", "name": "kiosk-1" },
 *   "listenPort": 0,                               the page API's port on 127.0.0.1 (0: any free port)
 *   "tokenFile": "token", "journalFile": "journal.db",   relative to the config file's folder
 *   "devices": {
 *     "printer": { "profile": "generic-80", "link": { "kind": "serial", "path": "/dev/ttyUSB0", "baudRate": 9600 } },
 *     "idCardReader": { "link": { "kind": "serial", "path": "/dev/ttyUSB1" } },
 *     "scanner": { "link": { "kind": "virtual" } }
 *   }
 * }
 *
 * A counter: "station": { "kind": "counter", "name": "counter-2", "windowNumber": 2 }, devices "callerKeypad"
 * { link, mode: "push" | "poll", address }, "evaluationKeypad" { link, keys: 4 | 5, address }, "ledStrip"
 * { link, address }, and "keypad" { keys: { next: "finishThenCallNext", ... }, pauseReason, ledIdleText,
 * ledPausedText } (CounterKeypadConfig).
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";

/** How a device is attached. "virtual": the agent runs the device's virtual twin itself (demo, tests). */
export const DeviceLink = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("serial"),
    path: z.string().min(1),
    baudRate: z.number().int().positive().default(9600),
  }),
  z.strictObject({
    kind: z.literal("tcp"),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(9100),
  }),
  /** A USB printer-class device file (/dev/usb/lpN). */
  z.strictObject({ kind: z.literal("usb-lp"), path: z.string().min(1) }),
  z.strictObject({ kind: z.literal("hid"), path: z.string().min(1) }),
  z.strictObject({ kind: z.literal("virtual") }),
]);
export type DeviceLink = z.infer<typeof DeviceLink>;

/** An RS-485 bus address, 1-255 (0 is broadcast). */
const busAddress = z.number().int().min(1).max(255);

/**
 * What a caller keypad key does at a counter (key names are the caller's, drivers/src/caller/codec.ts):
 * - "finishThenCallNext": finish the current citizen (started first when only called) and call the next;
 * - "callNext", "recall", "noShow", "pause" (with `pauseReason`), "resume", "signOut";
 * - "transferToWindow": transfer the current citizen to the window keyed in, keeping the item;
 * - "requestRating": ask the citizen again to rate the service that finished last (its prompt had timed out);
 * - "refuse": answered on the caller's display (a login key: a keypad carries no PIN);
 * - "ignore": nothing (a key the hall does not use).
 */
export const KeypadAction = z.enum([
  "finishThenCallNext",
  "callNext",
  "recall",
  "noShow",
  "pause",
  "resume",
  "transferToWindow",
  "signOut",
  "requestRating",
  "refuse",
  "ignore",
]);
export type KeypadAction = z.infer<typeof KeypadAction>;

/** The caller keys a hall can map. */
export const CALLER_KEYS = [
  "next",
  "recall",
  "skip",
  "pause",
  "resume",
  "transfer",
  "requestRating",
  "login",
  "logout",
] as const;
export type CallerKeyName = (typeof CALLER_KEYS)[number];

/** The default mapping of issue 11. */
export const DEFAULT_KEYPAD_MAP: Readonly<Record<CallerKeyName, KeypadAction>> = {
  next: "finishThenCallNext",
  recall: "recall",
  skip: "noShow",
  pause: "pause",
  resume: "resume",
  transfer: "transferToWindow",
  requestRating: "requestRating",
  login: "refuse",
  logout: "signOut",
};

export const CounterKeypadConfig = z.strictObject({
  /** Key -> action; keys left out keep the default mapping. */
  keys: z.partialRecord(z.enum(CALLER_KEYS), KeypadAction).default({}),
  /** The reason of a pause from the keypad (the console can give another). */
  pauseReason: z.string().trim().min(1).max(200).default("暂离"),
  /** What the LED strip shows: when free, and while paused. */
  ledIdleText: z.string().trim().min(1).max(60).default("欢迎光临"),
  ledPausedText: z.string().trim().min(1).max(60).default("暂停服务"),
  /** The same key again within this many ms of the last press is a bounce: refused on the caller's display. */
  repeatGuardMs: z.number().int().min(0).max(10_000).default(1000),
});
export type CounterKeypadConfig = z.infer<typeof CounterKeypadConfig>;

export const StationConfig = z.strictObject({
  /** The hall-server's base URL (http or https). */
  hallUrl: z.url({ protocol: /^https?$/, error: "hallUrl must be an http(s) URL, e.g. http://192.168.1.10:8080" }),
  /**
   * Origins whose pages may use the agent, besides the hall-server's own origin and the shell fallback page
   * (e.g. a hall-server reached under another name). Exact origins, no paths.
   */
  extraPageOrigins: z.array(z.url()).max(10).default([]),
  station: z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("kiosk"),
      /** Shown on the page and in logs, e.g. "kiosk-1". */
      name: z.string().trim().min(1).max(60),
    }),
    z.strictObject({
      kind: z.literal("counter"),
      name: z.string().trim().min(1).max(60),
      /** The number over the counter: staff sign in at this window. */
      windowNumber: z.number().int().positive().max(9999),
    }),
  ]),
  /** Port of the page API on 127.0.0.1; 0 picks a free one (printed at start). */
  listenPort: z.number().int().min(0).max(65535).default(0),
  /** Where the device token is kept (0600); created by first-run pairing. */
  tokenFile: z.string().min(1).default("token"),
  /** The durable journal (SQLite): a kiosk's takes, a counter's ratings not yet stored by the hall. */
  journalFile: z.string().min(1).default("journal.db"),
  /** The language of printed tickets. */
  ticketLanguage: z.enum(["zh", "en"]).default("zh"),
  /** The hall's time zone (IANA), for the time printed on tickets and for card validity dates. */
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, "timeZone must be an IANA zone such as Asia/Shanghai")
    .default("Asia/Shanghai"),
  devices: z
    .strictObject({
      printer: z
        .strictObject({
          /** A shipped printer profile id (drivers/src/printer/profiles.json). */
          profile: z.string().min(1).default("generic-80"),
          link: DeviceLink,
        })
        .optional(),
      idCardReader: z.strictObject({ link: DeviceLink }).optional(),
      scanner: z.strictObject({ link: DeviceLink }).optional(),
      /** A counter's caller keypad (呼叫器): "push" (RS-232 / USB-serial) or "poll" (RS-485 multidrop). */
      callerKeypad: z
        .strictObject({
          link: DeviceLink,
          mode: z.enum(["push", "poll"]).default("push"),
          address: busAddress.default(1),
        })
        .optional(),
      /** A counter's evaluation keypad (评价器), 4 or 5 keys; armed by the ratings module. */
      evaluationKeypad: z
        .strictObject({
          link: DeviceLink,
          keys: z.union([z.literal(4), z.literal(5)]).default(4),
          address: busAddress.default(1),
        })
        .optional(),
      /** A counter's LED window strip (窗口屏). */
      ledStrip: z.strictObject({ link: DeviceLink, address: busAddress.default(1) }).optional(),
    })
    .default({}),
  /** A counter's caller keypad: what each key does, and the LED strip's texts (see README "Caller keypad"). */
  keypad: CounterKeypadConfig.prefault({}),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
});
export type StationConfig = z.infer<typeof StationConfig>;
export type StationConfigInput = z.input<typeof StationConfig>;

/** A config problem: one line per invalid field, ready to print. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length === 0 ? message : `${message}:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

/**
 * Validate `input` (the parsed JSON) and resolve its file paths against `baseDir`. Throws ConfigError listing every
 * invalid field as "path: message".
 */
export function parseStationConfig(input: unknown, baseDir: string, source = "station config"): StationConfig {
  const result = StationConfig.safeParse(input);
  if (!result.success)
    throw new ConfigError(
      `${source} is invalid`,
      result.error.issues.map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`),
    );
  const config = result.data;
  return {
    ...config,
    tokenFile: resolve(baseDir, config.tokenFile),
    journalFile: resolve(baseDir, config.journalFile),
  };
}

/** The parsed JSON of config file `path`. Throws ConfigError for an unreadable file or bad JSON, naming the file. */
export function readConfigJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(`${path} is not JSON: ${(error as Error).message}`);
  }
}

/** Read and validate a config file. Throws ConfigError for an unreadable file, bad JSON or an invalid field. */
export function loadStationConfig(path: string): StationConfig {
  return parseStationConfig(readConfigJson(path), dirname(resolve(path)), path);
}

/** The origins whose pages may open the agent's socket: the hall-server's, any extras, and the shell fallback. */
export function pageOrigins(config: StationConfig, shellFallbackOrigin: string): Set<string> {
  return new Set([
    new URL(config.hallUrl).origin,
    ...config.extraPageOrigins.map((o) => new URL(o).origin),
    shellFallbackOrigin,
  ]);
}
