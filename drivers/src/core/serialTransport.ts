import { EventEmitter } from "node:events";
import { SerialPort } from "serialport";
import { DriverError, DriverErrorCode } from "./errors.ts";
import { hangUpAwareBinding } from "./hangUpAwareBinding.ts";
import type { Transport } from "./transport.ts";

export interface SerialTransportOptions {
  readonly path: string;
  readonly baudRate?: number;
  readonly parity?: "none" | "even" | "odd";
  readonly dataBits?: 5 | 6 | 7 | 8;
  readonly stopBits?: 1 | 2;
}

/** Transport over `serialport` (RS-232, RS-485 adapters, USB-CDC, and socat PTYs in tests). */
export class SerialTransport extends EventEmitter implements Transport {
  readonly description: string;
  private port: SerialPort | undefined;

  constructor(private readonly options: SerialTransportOptions) {
    super();
    this.description = `serial:${options.path}`;
  }

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  open(): Promise<void> {
    if (this.isOpen) return Promise.resolve();
    return new Promise((resolve, reject) => {
      // Listeners are attached synchronously: 'open' fires a few ms after construction (devices.md §4.1).
      const settings = {
        path: this.options.path,
        baudRate: this.options.baudRate ?? 9600,
        parity: this.options.parity ?? "none",
        dataBits: this.options.dataBits ?? 8,
        stopBits: this.options.stopBits ?? 1,
        autoOpen: false,
        // SerialPort's typings leave `binding` out, but its constructor takes one over the detected binding. This
        // one turns a hang-up that a read finds (end of file) into a disconnect; see hangUpAwareBinding.ts.
        binding: hangUpAwareBinding,
      };
      const port = new SerialPort(settings);
      port.on("data", (chunk: Buffer) => this.emit("data", chunk));
      port.on("error", (error: Error) => this.emit("error", error));
      port.on("close", (error?: Error & { disconnected?: boolean }) => {
        if (this.port === port) this.port = undefined;
        this.emit("close", { disconnected: error?.disconnected === true });
      });
      port.open((error) => {
        if (error) {
          reject(new DriverError(DriverErrorCode.OpenFailed, `cannot open ${this.options.path}: ${error.message}`));
          return;
        }
        this.port = port;
        resolve();
      });
    });
  }

  write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen)
      return Promise.reject(new DriverError(DriverErrorCode.NotOpen, `${this.description} is not open`));
    return new Promise((resolve, reject) => {
      port.write(Buffer.from(data), (error) => {
        if (error)
          reject(new DriverError(DriverErrorCode.WriteFailed, `write to ${this.description} failed: ${error.message}`));
        else port.drain(() => resolve());
      });
    });
  }

  close(): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}
