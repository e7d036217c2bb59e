/** Hall-server configuration: a JSON file plus environment overrides, validated once at boot (fail fast). */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { SHELL_FALLBACK_ORIGIN } from "@onewindow/contract";
import { z } from "zod";
import { RATE_LIMIT_NAMES } from "./api/rateLimits.ts";
import { assertTimeZone, defaultCallPolicy } from "./domain/index.ts";
import { DEFAULT_VOICE_CONFIG, resolveVoiceConfig, VoiceConfig } from "./voice/voiceConfig.ts";

/** Whether `text` is exactly an origin as a browser sends it: http(s)://host[:port], or the shells' fallback origin. */
export function isOrigin(text: string): boolean {
  if (text === SHELL_FALLBACK_ORIGIN) return true;
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === text;
  } catch {
    return false;
  }
}

export const HallConfig = z.strictObject({
  hallName: z.string().min(1).max(100).default("OneWindow 政务服务中心"),
  /** 12-digit administrative region code (行政区划代码), carried on ratings and pushes. */
  regionCode: z
    .string()
    .regex(/^\d{12}$/, "regionCode must be 12 digits")
    .default("510104000000"),
  host: z.string().min(1).default("127.0.0.1"),
  port: z.number().int().min(0).max(65535).default(8080),
  /**
   * The URL browsers reach the hall at when it is not its listen address (a name, a TLS proxy), e.g.
   * "https://hall.example.gov.cn". Its origin may open /ws from a browser (see `extraOrigins`).
   */
  publicBaseUrl: z
    .url({ protocol: /^https?$/, error: "publicBaseUrl must be an http(s) URL, e.g. https://hall.example.gov.cn" })
    .optional(),
  /**
   * Further origins whose pages may open /ws ("https://ops.example:8443": scheme, host, optional port, no path).
   * The hall's own listen address, `publicBaseUrl` and the shells' fallback page are always allowed.
   */
  extraOrigins: z
    .array(z.string().refine(isOrigin, "must be an origin: scheme://host[:port], no path"))
    .max(50)
    .optional(),
  /** Directory of the SQLite file; relative paths resolve against the config file's directory. */
  dataDir: z.string().min(1).default("data"),
  /** Key file, kept outside the database on purpose (personal-data encryption and hashing keys). */
  keyFile: z.string().min(1).default("keys.json"),
  /** IANA zone of the hall: its service day (numbering, caps, the day's end) runs from local midnight. */
  timeZone: z.string().min(1).default("Asia/Shanghai"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Days after which personal data (masked names, ID hashes, sealed numbers) is purged. */
  retentionDays: z.number().int().min(1).max(3650).default(180),
  queue: z
    .strictObject({
      priorityPerNormal: z.number().int().min(0).max(20).default(defaultCallPolicy.priorityPerNormal),
      /** Minutes after which a waiting walk-in ticket is called before newer ones: an ordering rule, not a bound on waits. */
      starvationMinutes: z.number().min(1).max(600).default(defaultCallPolicy.starvationMinutes),
      skillWeightMinutes: z.number().min(0).max(60).default(defaultCallPolicy.skillWeightMinutes),
      /** An appointment ticket is due for calling this many minutes before its slot. */
      appointmentEarlyMinutes: z.number().min(0).max(120).default(defaultCallPolicy.appointmentEarlyMinutes),
      /** Recalls after which the next recall marks the ticket a no-show. */
      maxRecalls: z.number().int().min(0).max(10).default(2),
      /** Minutes after a no-show during which the ticket may be reactivated. */
      reactivateMinutes: z.number().min(0).max(480).default(30),
      /** Age from which a kiosk may claim elderly priority, shown by the card's birth date (老年人: 60 and over). */
      elderlyMinAge: z.number().int().min(50).max(100).default(60),
    })
    .default({
      ...defaultCallPolicy,
      maxRecalls: 2,
      reactivateMinutes: 30,
      elderlyMinAge: 60,
    }),
  appointments: z
    .strictObject({
      earlyMinutes: z.number().min(0).max(240).default(30),
      lateMinutes: z.number().min(0).max(240).default(15),
      slotMinutes: z.number().int().min(5).max(240).default(30),
      /** Appointments one item accepts per slot when it has no slot cap. */
      defaultSlotCapacity: z.number().int().min(1).max(1000).default(10),
    })
    .default({ earlyMinutes: 30, lateMinutes: 15, slotMinutes: 30, defaultSlotCapacity: 10 }),
  /**
   * The kiosk's two-phase issue: a reserved number not confirmed printed within `reservationTimeoutSeconds` is voided
   * ("unconfirmed_timeout") and its place under the item's caps released.
   */
  issue: z
    .strictObject({ reservationTimeoutSeconds: z.number().int().min(5).max(3600).default(60) })
    .default({ reservationTimeoutSeconds: 60 }),
  /**
   * Overrides of the request rate limits, by limit name (`health`, `pairing`, `login`, `ticketStatus`, `issue`, `docs`):
   * `capacity` is the burst (requests at once), `refillPerSecond` the sustained rate. The routes, keys and defaults
   * are the table in api/rateLimits.ts. Replaces `kioskRateLimit` (now `rateLimits.issue`).
   */
  rateLimits: z
    .partialRecord(
      z.enum(RATE_LIMIT_NAMES),
      z.strictObject({
        capacity: z.number().int().min(1).max(1e9),
        refillPerSecond: z.number().positive().max(1e9),
      }),
    )
    .default({}),
  /**
   * The nightly backup (absent: none; `hall-server backup` still works). At `time` ("HH:MM", the hall's time
   * zone) the server writes a backup into `dir` and keeps the `keep` newest of this hall there. The key file in
   * it is encrypted with the passphrase in `passphraseFile` (first line; keep it 0600 and off the backup disk).
   * Relative paths resolve against the config file's directory.
   */
  backup: z
    .strictObject({
      dir: z.string().min(1),
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be "HH:MM" (24-hour, the hall\'s time zone)'),
      keep: z.number().int().min(1).max(366).default(7),
      passphraseFile: z.string().min(1),
    })
    .optional(),
  /**
   * Ratings (好差评), by the region's rules. `defaultRating`: a service nobody rated gets a default rating `afterMinutes`
   * after it ended, at `level` (Guangdong 2019: 7 days, 基本满意 = 3; never a bad review), flagged default; null for
   * none. `caseDeadlineWorkingDays`: a bad review's follow-up case is due by the end of that working day (Sichuan 15;
   * Dezhou 5). `holidays` (法定节假日) and `workdays` (weekend dates worked, 调休) are "YYYY-MM-DD" in the hall's zone.
   */
  ratings: z
    .strictObject({
      defaultRating: z
        .strictObject({
          afterMinutes: z.number().int().min(1).max(129_600).default(10_080),
          level: z.number().int().min(3, "a default rating is never a bad review: level 3-5").max(5).default(3),
        })
        .nullable()
        .default({ afterMinutes: 10_080, level: 3 }),
      caseDeadlineWorkingDays: z.number().int().min(1).max(60).default(15),
      holidays: z
        .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD"))
        .max(400)
        .default([]),
      workdays: z
        .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD"))
        .max(100)
        .default([]),
    })
    .default({
      defaultRating: { afterMinutes: 10_080, level: 3 },
      caseDeadlineWorkingDays: 15,
      holidays: [],
      workdays: [],
    }),
  /**
   * The spoken call announcements (voice/voiceConfig.ts): `engine` ("espeak-ng" | "clips" | "off"; default
   * espeak-ng when installed), `clipPack` (folder, relative paths against the config file), `repeat` 1-5 (default
   * 2), `languages` ["zh"] or ["zh", "en"], `chime` (default true).
   */
  voice: VoiceConfig.default(DEFAULT_VOICE_CONFIG),
  /** Demo halls take tickets at any hour (service hours are not enforced); never set in a real hall. */
  demoMode: z.boolean().default(false),
  /** scrypt cost exponent for PINs and passwords (15 = 2^15); tests lower it. */
  hashCost: z.number().int().min(10).max(20).default(15),
});
export type HallConfig = z.infer<typeof HallConfig>;

/** A resolved config: paths made absolute. */
export type ResolvedConfig = HallConfig & { dbPath: string; keyPath: string };

/** Thrown for a config file or flag that cannot be used; the CLI prints it and exits 2. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parse and resolve a config object; `baseDir` anchors relative paths. */
export function resolveConfig(raw: unknown, baseDir: string): ResolvedConfig {
  const parsed = HallConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const config = parsed.data;
  try {
    assertTimeZone(config.timeZone);
  } catch {
    throw new ConfigError(`invalid configuration:\n  timeZone: unknown time zone "${config.timeZone}"`);
  }
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const voice = resolveVoiceConfig(config.voice, baseDir);
  if (voice.problem) throw new ConfigError(`invalid configuration:\n  ${voice.problem}`);
  const backup = config.backup && {
    ...config.backup,
    dir: abs(config.backup.dir),
    passphraseFile: abs(config.backup.passphraseFile),
  };
  return {
    ...config,
    voice: voice.voice,
    ...(backup ? { backup } : {}),
    dbPath: resolve(abs(config.dataDir), "hall.db"),
    keyPath: abs(config.keyFile),
  };
}

/** Where a setting's value came from, for error messages: "flag --port", "environment ONEWINDOW_PORT", a config file. */
export type ValueSource = string;

/** Settings a flag or the environment may override, with the flag and variable that set each. */
const OVERRIDABLE = {
  port: { flag: "--port", env: "ONEWINDOW_PORT" },
  host: { flag: "--host", env: "ONEWINDOW_HOST" },
  dataDir: { flag: "--data-dir", env: "ONEWINDOW_DATA_DIR" },
  logLevel: { flag: "--log-level", env: "ONEWINDOW_LOG_LEVEL" },
} as const;
export type OverridableKey = keyof typeof OVERRIDABLE;

/** Flag values given on the command line (already type-checked by the CLI), highest precedence. */
export type ConfigFlags = Partial<{ port: number; host: string; dataDir: string; logLevel: string }>;

/**
 * Environment overrides: ONEWINDOW_PORT, ONEWINDOW_HOST, ONEWINDOW_DATA_DIR, ONEWINDOW_LOG_LEVEL. A variable that is
 * set but empty is refused (an empty ONEWINDOW_PORT used to mean port 0). Throws ConfigError naming the variable.
 */
function envOverrides(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, { env: name }] of Object.entries(OVERRIDABLE)) {
    const value = env[name];
    if (value === undefined) continue;
    if (value.trim() === "") throw new ConfigError(`${name} is set but empty (environment): unset it or give a value`);
    if (key === "port") {
      const port = Number(value);
      if (!/^\d{1,5}$/.test(value.trim()) || port > 65535)
        throw new ConfigError(`${name} must be an integer 0-65535, got "${value}" (environment)`);
      out.port = port;
    } else out[key] = value;
  }
  return out;
}

/** A loaded config and, for the overridable settings, where each value came from. */
export interface LoadedConfig {
  config: ResolvedConfig;
  /** "flag --port", "environment ONEWINDOW_PORT", "config.json /srv/hall/config.json" or "default". */
  sourceOf(key: OverridableKey): ValueSource;
}

/**
 * Load a config file (JSON), then apply environment overrides, then flags: flag > environment > file > default, on
 * every run. Throws ConfigError (file unreadable, not a JSON object, a bad value naming its field and source).
 */
export function loadHallConfig(
  path: string,
  options: { env?: NodeJS.ProcessEnv; flags?: ConfigFlags } = {},
): LoadedConfig {
  const env = options.env ?? process.env;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new ConfigError(`config file ${path} must hold a JSON object`);
  const fromEnv = envOverrides(env);
  const flags = Object.fromEntries(Object.entries(options.flags ?? {}).filter(([, v]) => v !== undefined));
  const sourceOf = (key: OverridableKey): ValueSource =>
    key in flags
      ? `flag ${OVERRIDABLE[key].flag}`
      : key in fromEnv
        ? `environment ${OVERRIDABLE[key].env}`
        : key in raw
          ? `config.json ${resolve(path)}`
          : "default";
  try {
    return { config: resolveConfig({ ...raw, ...fromEnv, ...flags }, dirname(resolve(path))), sourceOf };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Name where each bad overridable value came from; the rest are in the file.
    const named = error.message.replace(/^ {2}(\w+):/gm, (line, key: string) =>
      key in OVERRIDABLE ? `  ${key} (${sourceOf(key as OverridableKey)}):` : line,
    );
    throw new ConfigError(named.replace("invalid configuration:", `invalid configuration (${resolve(path)}):`));
  }
}

/** Load a config file (JSON) and apply environment overrides (see `loadHallConfig`, which also takes flags). */
export function loadConfigFile(path: string, env: NodeJS.ProcessEnv = process.env): ResolvedConfig {
  return loadHallConfig(path, { env }).config;
}
