/**
 * Where a virtual device listens: the device end of a PTY pair (a path, opened with a SerialTransport) or any device
 * end Transport (a memory pair's `device`), and optionally the cable its "unplugged" knob pulls.
 */
import { SerialTransport } from "./serialTransport.ts";
import type { Cable, Transport } from "./transport.ts";

/** The link options every virtual device takes. */
export type DeviceEndOptions = (
  | { readonly path: string; readonly transport?: undefined }
  | { readonly transport: Transport; readonly path?: undefined }
) & {
  /** What `setFault("unplugged", on)` pulls and plugs back, e.g. the PTY pair or memory pair. */
  readonly cable?: Cable;
};

/** The device end Transport for `options` (a SerialTransport on `path` at `baudRate` when no transport is given). */
export function deviceEnd(options: DeviceEndOptions, baudRate?: number): Transport {
  if (options.transport) return options.transport;
  return new SerialTransport(baudRate === undefined ? { path: options.path } : { path: options.path, baudRate });
}
