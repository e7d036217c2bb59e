/**
 * The one way drivers log (STYLE.md §8): each driver instance gets a pino child namespaced by `module` and the
 * device it talks to, and logs nothing unless the host injects a logger. Drivers never write to the console.
 *
 *   host logger (or a silent one) --child({ module, device })--> driver --> log lines
 *
 * What drivers log, and how loud:
 *   health transitions ......... info when connected, warn when degraded or disconnected, always with the reason
 *   reconnects ................. info
 *   retries, timeouts .......... debug
 *   discarded bytes ............ debug, with count and reason, never the bytes themselves
 *   a successful poll .......... nothing
 * Never personal data: no card text, ID numbers or names. The namespace key is `module`, not `name`, and bus
 * addresses go under `bus`, not `address`, because the hall-server's redaction censors `name` and `address` keys.
 */
import { pino, type Logger } from "pino";
import type { DeviceHealth } from "./health.ts";

// One shared silent root: a child of it costs little and writes nothing.
const silent = pino({ level: "silent" });

/** What every line of one driver instance carries. */
export interface DriverLogScope {
  /** The driver's namespace, e.g. "led-strip", "idcard-reader". */
  readonly module: string;
  /** The device it talks to, usually `Transport.description` (a port path or host:port, never personal). */
  readonly device?: string;
}

/** A pino child of `logger` (or of a silent logger when none is given) bound to `scope`. */
export function driverLogger(logger: Logger | undefined, scope: DriverLogScope): Logger {
  const bindings =
    scope.device === undefined ? { module: scope.module } : { module: scope.module, device: scope.device };
  return (logger ?? silent).child(bindings);
}

/** Log one health transition: info when connected, warn otherwise, with state, reason and code. */
export function logHealth(log: Logger, health: DeviceHealth): void {
  const fields = { state: health.state, reason: health.reason, code: health.code };
  if (health.state === "connected") log.info(fields, "health connected");
  else log.warn(fields, `health ${health.state}: ${health.reason}`);
}
