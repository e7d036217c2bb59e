/**
 * The kiosk shell's config file (kiosk.json), validated at launch: a wrong value stops the shell with one line per
 * problem naming the field (station-agent's ConfigError), before any window opens. The fields every shell shares
 * come from station-shell's config/shellConfigParts.ts; the kiosk adds `kioskPath`.
 *
 * {
 *   "hallUrl": "http://192.168.1.10:8080",   the hall-server; the window shows <hallUrl><kioskPath>
 *   "kioskPath": "/kiosk",
 *   "agentConfig": "station.json",           the station agent's config, relative to this file's folder
 *   "devTools": false,                       honoured only in an unpackaged run (station-shell rendererPreferences.ts)
 *   "healthProbe": { "everySeconds": 10, "timeoutSeconds": 3, "failuresBeforeFallback": 3 },
 *   "restart": { "firstDelaySeconds": 1, "maxDelaySeconds": 30, "maxRestarts": 5, "windowMinutes": 10,
 *                "hangGraceSeconds": 15 },
 *   "logLevel": "info"
 * }
 */
import { dirname, resolve } from "node:path";
import { readConfigJson, type StationConfig } from "@onewindow/station-agent";
import {
  SHELL_CONFIG_SHAPE,
  assertAgentAdmitsPages,
  pagePath,
  parseShellConfigWith,
  shellConfigPathOf,
} from "@onewindow/station-shell";
import { z } from "zod";

export const ShellConfig = z.strictObject({
  ...SHELL_CONFIG_SHAPE,
  /** Path of the kiosk page on the hall-server. */
  kioskPath: pagePath("kioskPath", "/kiosk"),
});
export type ShellConfig = z.infer<typeof ShellConfig>;
export type ShellConfigInput = z.input<typeof ShellConfig>;

/**
 * Validate `input` (the parsed JSON) and resolve `agentConfig` against `baseDir`. Throws ConfigError listing every
 * invalid field as "path: message".
 */
export function parseShellConfig(input: unknown, baseDir: string, source = "kiosk shell config"): ShellConfig {
  return parseShellConfigWith(ShellConfig, input, baseDir, source);
}

/** Read and validate a config file. Throws ConfigError for an unreadable file, bad JSON or an invalid field. */
export function loadShellConfig(path: string): ShellConfig {
  return parseShellConfig(readConfigJson(path), dirname(resolve(path)), path);
}

/**
 * Check that the station agent will let the kiosk page in (station-shell `assertAgentAdmitsPages`). Throws
 * ConfigError naming both files' values otherwise, instead of a kiosk page that cannot reach its printer.
 */
export function assertAgentAdmitsPage(shell: ShellConfig, station: StationConfig): void {
  assertAgentAdmitsPages(shell, station, { whosePages: "kiosk page's", shellConfig: "kiosk config" });
}

/**
 * Where the config file is: `--config <path>` or `--config=<path>` on the command line, else the
 * ONEWINDOW_KIOSK_CONFIG environment variable, else kiosk.json in `defaultDir` (Electron's userData folder).
 */
export function shellConfigPath(argv: readonly string[], env: NodeJS.ProcessEnv, defaultDir: string): string {
  return shellConfigPathOf(argv, env, { envVar: "ONEWINDOW_KIOSK_CONFIG", fileName: "kiosk.json", defaultDir });
}
