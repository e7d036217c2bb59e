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

export const StationConfig = z.strictObject({
  /** The hall-server's base URL (http or https). */
  hallUrl: z.url({ protocol: /^https?$/, error: "hallUrl must be an http(s) URL, e.g. http://192.168.1.10:8080" }),
  /**
   * Origins whose pages may use the agent, besides the hall-server's own origin and the shell fallback page
   * (e.g. a hall-server reached under another name). Exact origins, no paths.
   */
  extraPageOrigins: z.array(z.url()).max(10).default([]),
  station: z.strictObject({
    kind: z.enum(["kiosk", "counter"]),
    /** Shown on the page and in logs, e.g. "kiosk-1". */
    name: z.string().trim().min(1).max(60),
  }),
  /** Port of the page API on 127.0.0.1; 0 picks a free one (printed at start). */
  listenPort: z.number().int().min(0).max(65535).default(0),
  /** Where the device token is kept (0600); created by first-run pairing. */
  tokenFile: z.string().min(1).default("token"),
  /** The durable take journal (SQLite). */
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
    })
    .default({}),
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
