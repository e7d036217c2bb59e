/**
 * The one face every driver shows the station agent (printer, ID-card reader, evaluation keypad, LED strip, caller
 * keypad, barcode scanner):
 *
 *   open() ---> health "connected" (or "degraded": the port is open but the device is not fine)
 *     \--fails--> rejects DriverError(OpenFailed); health "disconnected", code "open-failed";
 *                 with reconnect on (the default) the driver keeps retrying in the background until close(),
 *                 then reports "connected" through a "health" event, as after an unplug.
 *   unplug ---> health "disconnected", code "unplugged"; pending commands reject Disconnected; reconnect as above.
 *   close() ---> stops polling and reconnecting, rejects pending commands with Cancelled, closes the transport;
 *                health "disconnected", code "closed". Idempotent; open() may be called again afterwards.
 *
 * So an agent may start with a device absent: it awaits open(), logs the OpenFailed, and follows "health".
 * Every driver takes the `reconnect` option (ReconnectOption: a backoff, or false for none).
 */
import type { DeviceHealth } from "./health.ts";
import type { ReconnectOption } from "./reconnector.ts";

/** Events every driver emits (drivers add their own). */
export interface DeviceDriverEvents {
  /** The device's health changed (state, code or reason). */
  health: [DeviceHealth];
}

/** What every driver has in common; see the module comment for the open/close/reconnect rules. */
export interface DeviceDriver {
  /** The latest health; "disconnected" (code "closed") before the first open. */
  readonly health: DeviceHealth;
  /** Open the transport and start the device's loop; rejects DriverError(OpenFailed) and keeps retrying. */
  open(): Promise<void>;
  /** Stop everything and close the transport; idempotent. */
  close(): Promise<void>;
  on(event: "health", listener: (health: DeviceHealth) => void): this;
  off(event: "health", listener: (health: DeviceHealth) => void): this;
}

/** Options every driver shares. */
export interface DeviceDriverOptions {
  /** Reopen after an unplug or a failed first open; default `{ initialMs: 100, maxMs: 2000 }`; false: never. */
  readonly reconnect?: ReconnectOption;
}
