/**
 * The kiosk shell's config file (kiosk.json), validated at launch: a wrong value stops the shell with one line per
 * problem naming the field (station-agent's ConfigError), before any window opens.
 *
 * {
 *   "hallUrl": "http://192.168.1.10:8080",   the hall-server; the window shows <hallUrl><kioskPath>
 *   "kioskPath": "/kiosk",
 *   "agentConfig": "station.json",           the station agent's config, relative to this file's folder
 *   "devTools": false,                       honoured only in an unpackaged run (policy/windowOptions.ts)
 *   "healthProbe": { "everySeconds": 10, "timeoutSeconds": 3, "failuresBeforeFallback": 3 },
 *   "restart": { "firstDelaySeconds": 1, "maxDelaySeconds": 30, "maxRestarts": 5, "windowMinutes": 10,
 *                "hangGraceSeconds": 15 },
 *   "logLevel": "info"
 * }
 */
import { dirname, join, resolve } from "node:path";
import { ConfigError, readConfigJson, type StationConfig } from "@onewindow/station-agent";
import { z } from "zod";
import type { SupervisorRules } from "../policy/shellSupervisor.ts";

const hallUrl = z
  .url({ protocol: /^https?$/, error: "hallUrl must be an http(s) URL, e.g. http://192.168.1.10:8080" })
  .refine((text) => {
    // zod runs this check even when the URL check failed: a non-URL is that check's problem, not this one's.
    if (!URL.canParse(text)) return true;
    const url = new URL(text);
    return url.pathname === "/" && url.search === "" && url.hash === "" && url.username === "" && url.password === "";
  }, "hallUrl is the hall-server's origin only (no path, query, fragment or credentials), e.g. http://192.168.1.10:8080");

export const ShellConfig = z.strictObject({
  hallUrl,
  /** Path of the kiosk page on the hall-server. */
  kioskPath: z
    .string()
    .regex(/^\/[A-Za-z0-9._~/-]*$/, "kioskPath is a path starting with /, e.g. /kiosk (no query or fragment)")
    .default("/kiosk"),
  /** The station agent's config file (station-agent/README.md), relative to this file's folder. */
  agentConfig: z.string().min(1).default("station.json"),
  /** Developer tools in an unpackaged run (never in a packaged build). */
  devTools: z.boolean().default(false),
  healthProbe: z
    .strictObject({
      everySeconds: z.number().int().min(2).max(600).default(10),
      timeoutSeconds: z.number().int().min(1).max(30).default(3),
      failuresBeforeFallback: z.number().int().min(1).max(20).default(3),
    })
    .prefault({}),
  restart: z
    .strictObject({
      firstDelaySeconds: z.number().int().min(0).max(60).default(1),
      maxDelaySeconds: z.number().int().min(1).max(600).default(30),
      maxRestarts: z.number().int().min(1).max(100).default(5),
      windowMinutes: z.number().int().min(1).max(1440).default(10),
      hangGraceSeconds: z.number().int().min(1).max(300).default(15),
    })
    .prefault({})
    .refine((r) => r.firstDelaySeconds <= r.maxDelaySeconds, {
      message: "restart.firstDelaySeconds must not exceed restart.maxDelaySeconds",
    }),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
});
export type ShellConfig = z.infer<typeof ShellConfig>;
export type ShellConfigInput = z.input<typeof ShellConfig>;

/**
 * Validate `input` (the parsed JSON) and resolve `agentConfig` against `baseDir`. Throws ConfigError listing every
 * invalid field as "path: message".
 */
export function parseShellConfig(input: unknown, baseDir: string, source = "kiosk shell config"): ShellConfig {
  const result = ShellConfig.safeParse(input);
  if (!result.success)
    throw new ConfigError(
      `${source} is invalid`,
      result.error.issues.map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`),
    );
  return { ...result.data, agentConfig: resolve(baseDir, result.data.agentConfig) };
}

/** Read and validate a config file. Throws ConfigError for an unreadable file, bad JSON or an invalid field. */
export function loadShellConfig(path: string): ShellConfig {
  return parseShellConfig(readConfigJson(path), dirname(resolve(path)), path);
}

/**
 * Check that the station agent will let the kiosk page in: the page's origin must be the agent's hallUrl origin or
 * one of its extraPageOrigins (the agent's Origin check, station-agent config.ts `pageOrigins`). Throws ConfigError
 * naming both files' values otherwise, instead of a kiosk page that cannot reach its printer.
 */
export function assertAgentAdmitsPage(shell: ShellConfig, station: StationConfig): void {
  const pageOrigin = new URL(shell.hallUrl).origin;
  const admitted = [station.hallUrl, ...station.extraPageOrigins].map((url) => new URL(url).origin);
  if (!admitted.includes(pageOrigin))
    throw new ConfigError(
      `the kiosk page's origin ${pageOrigin} (hallUrl in the kiosk config) is not one the station agent admits ` +
        `(${admitted.join(", ")}: hallUrl and extraPageOrigins in ${shell.agentConfig})`,
    );
}

/**
 * Where the config file is: `--config <path>` or `--config=<path>` on the command line, else the
 * ONEWINDOW_KIOSK_CONFIG environment variable, else kiosk.json in `defaultDir` (Electron's userData folder).
 */
export function shellConfigPath(argv: readonly string[], env: NodeJS.ProcessEnv, defaultDir: string): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg.startsWith("--config=")) return resolve(arg.slice("--config=".length));
    if (arg === "--config" && argv[i + 1] !== undefined) return resolve(argv[i + 1] ?? "");
  }
  if (env.ONEWINDOW_KIOSK_CONFIG) return resolve(env.ONEWINDOW_KIOSK_CONFIG);
  return join(defaultDir, "kiosk.json");
}

/** The supervisor's rules from the config (seconds and minutes to ms). */
export function supervisorRulesOf(config: ShellConfig): SupervisorRules {
  const { restart, healthProbe } = config;
  return {
    restart: {
      firstDelayMs: restart.firstDelaySeconds * 1000,
      maxDelayMs: restart.maxDelaySeconds * 1000,
      maxRestarts: restart.maxRestarts,
      windowMs: restart.windowMinutes * 60_000,
    },
    hangGraceMs: restart.hangGraceSeconds * 1000,
    probeEveryMs: healthProbe.everySeconds * 1000,
    probeFailuresBeforeFallback: healthProbe.failuresBeforeFallback,
  };
}
