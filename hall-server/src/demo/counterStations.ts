/**
 * The demo's counter stations (windows 1-3): for each, a folder <dir>/counter-<n>/ holding the counter's device token
 * (0600) and its station agent's config, with the window's caller keypad, evaluation keypad and LED strip on the
 * links the demo gives them (the host ends of socat PTY pairs, or "virtual": the agent runs the twins itself).
 *
 *   <dir>/counter-2/token         the paired counter-2 device's token (never given to a page)
 *   <dir>/counter-2/station.json  {station: {kind: "counter", name: "counter-2", windowNumber: 2}, devices: {...}}
 */
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

/** A paired counter device of the demo: its window and token (devices.json). */
export interface DemoCounter {
  readonly window: number;
  readonly token: string;
}

/** How the agent reaches one device: a PTY host end, or its own virtual twin. */
export type CounterLink = { kind: "serial"; path: string } | { kind: "virtual" };

/** The window's three devices' links. */
export interface CounterLinks {
  readonly callerKeypad: CounterLink;
  readonly evaluationKeypad: CounterLink;
  readonly ledStrip: CounterLink;
}

/**
 * The station config of counter `window` (station-agent's StationConfig, counter kind), in the hall's IANA
 * `timeZone` (the agent's own default is Asia/Shanghai, wrong for a hall elsewhere).
 */
export function counterStationConfig(
  hallUrl: string,
  window: number,
  links: CounterLinks,
  timeZone: string,
): Record<string, unknown> {
  return {
    hallUrl,
    station: { kind: "counter", name: `counter-${window}`, windowNumber: window },
    timeZone,
    listenPort: 0,
    tokenFile: "token",
    journalFile: "journal.db",
    logLevel: "warn",
    devices: {
      // The virtual caller pushes its keys (RS-232 style); the demo's evaluation keypads have five keys.
      callerKeypad: { link: links.callerKeypad, mode: "push", address: 1 },
      evaluationKeypad: { link: links.evaluationKeypad, keys: 5, address: 1 },
      ledStrip: { link: links.ledStrip, address: 1 },
    },
  };
}

/** Write counter `counter.window`'s token and config under `dir`; returns the config's path, folder and content. */
export async function writeCounterStation(
  dir: string,
  hallUrl: string,
  counter: DemoCounter,
  links: CounterLinks,
  timeZone: string,
): Promise<{ path: string; dir: string; config: Record<string, unknown> }> {
  const stationDir = join(dir, `counter-${counter.window}`);
  await mkdir(stationDir, { recursive: true, mode: 0o700 });
  const tokenFile = join(stationDir, "token");
  await writeFile(tokenFile, counter.token + "\n", { mode: 0o600 });
  await chmod(tokenFile, 0o600);
  const config = counterStationConfig(hallUrl, counter.window, links, timeZone);
  const path = join(stationDir, "station.json");
  await writeFile(path, JSON.stringify(config, null, 2) + "\n", { mode: 0o600 });
  return { path, dir: stationDir, config };
}
