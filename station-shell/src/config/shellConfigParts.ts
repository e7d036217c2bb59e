/**
 * What every shell's config file shares (kiosk.json, counter.json): the hall-server's origin, the station agent's
 * config beside it, developer tools, the health probe and restart rules, the log level; how it is validated (one
 * line per problem naming the field: station-agent's ConfigError), where the file is found, and the check that the
 * station agent admits the shell's pages. Each shell adds its own fields (kiosk/src/config/shellConfig.ts,
 * counter-display/src/config/counterConfig.ts).
 */
import { resolve, join } from "node:path";
import { ConfigError, type StationConfig } from "@onewindow/station-agent";
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

/** A page's path on the hall-server, e.g. `pagePath("kioskPath", "/kiosk")`. */
export function pagePath(field: string, fallback: string) {
  return z
    .string()
    .regex(/^\/[A-Za-z0-9._~/-]*$/, `${field} is a path starting with /, e.g. ${fallback} (no query or fragment)`)
    .default(fallback);
}

/** The fields every shell config has, in this order (to spread into the shell's `z.strictObject`). */
export const SHELL_CONFIG_SHAPE = {
  /** The hall-server's origin; the windows show its pages. */
  hallUrl,
  /** The station agent's config file (station-agent/README.md), relative to the shell config's folder. */
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
};

/** The shared fields after validation. */
export type ShellConfigBase = z.infer<z.ZodObject<typeof SHELL_CONFIG_SHAPE>>;

/**
 * Validate `input` (the parsed JSON) against a shell's `schema` and resolve `agentConfig` against `baseDir`. Throws
 * ConfigError listing every invalid field as "path: message", headed "`source` is invalid".
 */
export function parseShellConfigWith<T extends { agentConfig: string }>(
  schema: z.ZodType<T>,
  input: unknown,
  baseDir: string,
  source: string,
): T {
  const result = schema.safeParse(input);
  if (!result.success)
    throw new ConfigError(
      `${source} is invalid`,
      result.error.issues.map((issue) => `${issue.path.join(".") || "(top level)"}: ${issue.message}`),
    );
  return { ...result.data, agentConfig: resolve(baseDir, result.data.agentConfig) };
}

/**
 * Check that the station agent will let the shell's pages in: their origin (`hallUrl` of the shell config) must be
 * the agent's hallUrl origin or one of its extraPageOrigins (the agent's Origin check, station-agent config.ts
 * `pageOrigins`). Throws ConfigError naming both files' values otherwise, instead of a page that cannot reach its
 * devices. `whosePages` and `shellConfig` name them for the message ("kiosk page's", "kiosk config").
 */
export function assertAgentAdmitsPages(
  shell: { readonly hallUrl: string; readonly agentConfig: string },
  station: StationConfig,
  names: { readonly whosePages: string; readonly shellConfig: string },
): void {
  const pageOrigin = new URL(shell.hallUrl).origin;
  const admitted = [station.hallUrl, ...station.extraPageOrigins].map((url) => new URL(url).origin);
  if (!admitted.includes(pageOrigin))
    throw new ConfigError(
      `the ${names.whosePages} origin ${pageOrigin} (hallUrl in the ${names.shellConfig}) is not one the station agent ` +
        `admits (${admitted.join(", ")}: hallUrl and extraPageOrigins in ${shell.agentConfig})`,
    );
}

/**
 * Where a shell's config file is: `--config <path>` or `--config=<path>` on the command line, else the environment
 * variable `where.envVar`, else `where.fileName` in `where.defaultDir` (Electron's userData folder).
 */
export function shellConfigPathOf(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  where: { readonly envVar: string; readonly fileName: string; readonly defaultDir: string },
): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg.startsWith("--config=")) return resolve(arg.slice("--config=".length));
    if (arg === "--config" && argv[i + 1] !== undefined) return resolve(argv[i + 1] ?? "");
  }
  const fromEnv = env[where.envVar];
  if (fromEnv) return resolve(fromEnv);
  return join(where.defaultDir, where.fileName);
}

/** The supervisor's rules from a shell config (seconds and minutes to ms). */
export function supervisorRulesOf(config: Pick<ShellConfigBase, "restart" | "healthProbe">): SupervisorRules {
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
