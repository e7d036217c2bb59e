/**
 * The counter shell's config file (counter.json), validated at launch: a wrong value stops the shell with one line
 * per problem naming the field (station-agent's ConfigError), before any window opens. The fields every shell shares
 * come from station-shell's config/shellConfigParts.ts; the counter adds its two pages' paths and its displays.
 *
 * {
 *   "hallUrl": "http://192.168.1.10:8080",   the hall-server; the windows show <hallUrl>/counter and /window/<n>
 *   "consolePath": "/counter",                the staff console's page
 *   "windowScreenPath": "/window",            the window screen's page, followed by "/<windowNumber>"
 *   "agentConfig": "station.json",            the station agent's config (station.kind "counter", windowNumber)
 *   "displays": { "console": "primary", "windowScreen": "secondary" },   or { "id": 2 } / { "label": "HKC" }
 *   "devTools": false,
 *   "healthProbe": { "everySeconds": 10, "timeoutSeconds": 3, "failuresBeforeFallback": 3 },
 *   "restart": { "firstDelaySeconds": 1, "maxDelaySeconds": 30, "maxRestarts": 5, "windowMinutes": 10,
 *                "hangGraceSeconds": 15 },
 *   "logLevel": "info"
 * }
 */
import { dirname, resolve } from "node:path";
import { ConfigError, readConfigJson, type StationConfig } from "@onewindow/station-agent";
import {
  SHELL_CONFIG_SHAPE,
  assertAgentAdmitsPages,
  pagePath,
  parseShellConfigWith,
  shellConfigPathOf,
} from "@onewindow/station-shell";
import { z } from "zod";

const DisplayPick = z.union(
  [
    z.enum(["primary", "secondary"]),
    z.strictObject({ id: z.number().int() }),
    z.strictObject({ label: z.string().trim().min(1).max(100) }),
  ],
  { error: 'a display is "primary", "secondary", { "id": <Electron display id> } or { "label": "<monitor name>" }' },
);

export const CounterConfig = z.strictObject({
  ...SHELL_CONFIG_SHAPE,
  /** The staff console's page on the hall-server. */
  consolePath: pagePath("consolePath", "/counter"),
  /** The window screen's page on the hall-server, followed by "/<windowNumber>". */
  windowScreenPath: pagePath("windowScreenPath", "/window"),
  /** Which display gets which window (policy/displayChoice.ts). */
  displays: z
    .strictObject({
      console: DisplayPick.default("primary"),
      windowScreen: DisplayPick.default("secondary"),
    })
    .prefault({}),
});
export type CounterConfig = z.infer<typeof CounterConfig>;
export type CounterConfigInput = z.input<typeof CounterConfig>;

/**
 * Validate `input` (the parsed JSON) and resolve `agentConfig` against `baseDir`. Throws ConfigError listing every
 * invalid field as "path: message".
 */
export function parseCounterConfig(input: unknown, baseDir: string, source = "counter shell config"): CounterConfig {
  return parseShellConfigWith(CounterConfig, input, baseDir, source);
}

/** Read and validate a config file. Throws ConfigError for an unreadable file, bad JSON or an invalid field. */
export function loadCounterConfig(path: string): CounterConfig {
  return parseCounterConfig(readConfigJson(path), dirname(resolve(path)), path);
}

/**
 * The counter's window number from its station agent's config, after checking that config fits this shell: a
 * counter station (station.kind "counter") whose agent admits the counter's pages (station-shell
 * `assertAgentAdmitsPages`). Throws ConfigError naming the file and the value otherwise.
 */
export function counterStationOf(counter: CounterConfig, station: StationConfig): { readonly windowNumber: number } {
  if (station.station.kind !== "counter")
    throw new ConfigError(
      `station.kind in ${counter.agentConfig} is "${station.station.kind}": the counter shell needs a counter ` +
        `station ("station": { "kind": "counter", "name": "counter-2", "windowNumber": 2 })`,
    );
  assertAgentAdmitsPages(counter, station, { whosePages: "counter pages'", shellConfig: "counter config" });
  return { windowNumber: station.station.windowNumber };
}

/**
 * Where the config file is: `--config <path>` or `--config=<path>` on the command line, else the
 * ONEWINDOW_COUNTER_CONFIG environment variable, else counter.json in `defaultDir` (Electron's userData folder).
 */
export function counterConfigPath(argv: readonly string[], env: NodeJS.ProcessEnv, defaultDir: string): string {
  return shellConfigPathOf(argv, env, { envVar: "ONEWINDOW_COUNTER_CONFIG", fileName: "counter.json", defaultDir });
}
