/**
 * The one small transport interface every driver talks through (after serialport's bindings-interface).
 *
 *   driver --write(bytes)--> Transport --> serial port | HID device | TCP 9100 | /dev/usb/lpN
 *   driver <--on("data")---- Transport <--
 *
 * Contract:
 * - `open()` resolves once bytes can flow; it rejects with DriverError(OpenFailed) otherwise.
 * - `write()` resolves when the bytes are handed to the OS; rejects with DriverError(NotOpen | WriteFailed | Disconnected).
 * - "data" carries every received chunk in order; chunks may split or join frames arbitrarily.
 * - "close" fires exactly once per open, with `disconnected = true` when the device went away (unplug, peer death)
 *   rather than being closed by `close()`. After "close" the transport may be opened again.
 * - `close()` is idempotent and resolves after "close" was emitted.
 */
export interface Transport {
  readonly description: string;
  readonly isOpen: boolean;
  open(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  on(event: "data", listener: (chunk: Buffer) => void): this;
  on(event: "close", listener: (info: { disconnected: boolean }) => void): this;
  on(event: "error", listener: (error: Error) => void): this;
  off(event: "data", listener: (chunk: Buffer) => void): this;
  off(event: "close", listener: (info: { disconnected: boolean }) => void): this;
  off(event: "error", listener: (error: Error) => void): this;
}

/**
 * The cable between a host port and its device: what a test or the demo pulls. `unplug()` makes both ends vanish
 * (open ends see "close" with `disconnected: true`, opens fail); `replug()` brings the link back on the same ends.
 * A socat PTY pair and a memory transport pair both are one.
 */
export interface Cable {
  unplug(): Promise<void>;
  replug(): Promise<void>;
}
