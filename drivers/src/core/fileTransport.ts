import { EventEmitter } from "node:events";
import { constants, type FileHandle, open } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { DriverError, DriverErrorCode } from "./errors.ts";
import type { Transport } from "./transport.ts";

export interface FileTransportOptions {
  /** The device file, e.g. `/dev/usb/lp0` (kernel usblp, USB printer class). */
  readonly path: string;
  /**
   * Read replies back from the device (DLE EOT status). Needs a bidirectional printer-class interface; set false
   * for a write-only device or a plain file, which then never emits "data".
   */
  readonly readable?: boolean;
  /** How often to look for reply bytes; the device is opened non-blocking, so reads never tie up a libuv thread. */
  readonly pollIntervalMs?: number;
  /** Longest wait in a row for a full device buffer to take more bytes before the write fails. */
  readonly writeStallMs?: number;
}

/** errno codes that mean the device is gone: usblp answers ENODEV after unplug, a PTY whose peer died EIO. */
const goneCodes = new Set(["ENODEV", "ENXIO", "EIO", "EBADF", "ENOENT"]);
const emptyReadsMeanGone = 3;
const errnoCode = (error: unknown): string =>
  typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";

/**
 * Transport over a character device file, for USB printer-class printers (`/dev/usb/lpN`, devices.md §2.1).
 *
 *   write() --> fs write loop (partial writes and EAGAIN retried) --> /dev/usb/lpN
 *   "data" <-- non-blocking read, polled every pollIntervalMs   <--
 *
 * The node is opened O_NONBLOCK: usblp blocks a reader until the printer sends something, which would hold a
 * thread-pool thread per printer forever. A read or write failing with ENODEV/EIO/ENXIO, or several end-of-file
 * reads in a row, count as an unplug: the handle is closed and "close" fires with `disconnected = true`. The same class drives a PTY, which is how
 * the tests exercise it.
 */
export class FileTransport extends EventEmitter implements Transport {
  readonly description: string;
  private handle: FileHandle | undefined;
  private poller: NodeJS.Timeout | undefined;
  private writes: Promise<void> = Promise.resolve();
  private emptyReads = 0;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: FileTransportOptions) {
    super();
    this.description = `file:${options.path}`;
  }

  get isOpen(): boolean {
    return this.handle !== undefined && this.closing === undefined;
  }

  async open(): Promise<void> {
    if (this.closing) await this.closing;
    if (this.handle) return;
    const readable = this.options.readable ?? true;
    const flags = (readable ? constants.O_RDWR : constants.O_WRONLY) | constants.O_NONBLOCK | constants.O_NOCTTY;
    try {
      this.handle = await open(this.options.path, flags);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DriverError(DriverErrorCode.OpenFailed, `cannot open ${this.options.path}: ${message}`);
    }
    this.emptyReads = 0;
    if (readable) this.schedulePoll(this.handle);
  }

  write(data: Uint8Array): Promise<void> {
    const handle = this.handle;
    if (!handle || this.closing)
      return Promise.reject(new DriverError(DriverErrorCode.NotOpen, `${this.description} is not open`));
    // Writes are chained so two callers' bytes never interleave inside one partial-write loop.
    const result = this.writes.then(() => this.writeAll(handle, data));
    this.writes = result.catch(() => undefined);
    return result;
  }

  close(): Promise<void> {
    if (!this.handle) return Promise.resolve();
    this.closing ??= this.shutDown(false);
    return this.closing;
  }

  private async writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
    const stallMs = this.options.writeStallMs ?? 5000;
    let offset = 0;
    let stalledSince: number | undefined;
    while (offset < data.length) {
      if (this.handle !== handle)
        throw new DriverError(DriverErrorCode.Disconnected, `${this.description} closed during write`);
      try {
        const { bytesWritten } = await handle.write(data, offset, data.length - offset);
        offset += bytesWritten;
        stalledSince = undefined;
      } catch (error) {
        const code = errnoCode(error);
        if (code === "EAGAIN") {
          // The printer's buffer is full (it is busy printing); wait for it, but not forever.
          stalledSince ??= Date.now();
          if (Date.now() - stalledSince > stallMs)
            throw new DriverError(DriverErrorCode.Timeout, `${this.description} took no bytes for ${stallMs} ms`);
          await sleep(10);
          continue;
        }
        if (goneCodes.has(code)) {
          void this.lost(handle);
          throw new DriverError(DriverErrorCode.Disconnected, `${this.description} went away (${code})`);
        }
        const message = error instanceof Error ? error.message : String(error);
        throw new DriverError(DriverErrorCode.WriteFailed, `write to ${this.description} failed: ${message}`);
      }
    }
  }

  private schedulePoll(handle: FileHandle): void {
    this.poller = setTimeout(() => void this.poll(handle), this.options.pollIntervalMs ?? 20);
  }

  private async poll(handle: FileHandle): Promise<void> {
    const buffer = Buffer.alloc(4096);
    for (;;) {
      if (this.handle !== handle || this.closing) return;
      try {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) {
          // End of file: a hung-up PTY reads 0 forever, while usblp answers EAGAIN when idle and may pass on
          // one empty USB packet. Several empty reads in a row therefore mean the device is gone.
          if (++this.emptyReads >= emptyReadsMeanGone) {
            void this.lost(handle);
            return;
          }
          break;
        }
        this.emptyReads = 0;
        this.emit("data", Buffer.from(buffer.subarray(0, bytesRead)));
      } catch (error) {
        const code = errnoCode(error);
        if (code === "EAGAIN") {
          this.emptyReads = 0;
          break;
        }
        if (goneCodes.has(code)) {
          void this.lost(handle);
          return;
        }
        this.emit("error", error instanceof Error ? error : new Error(String(error)));
        break;
      }
    }
    if (this.handle === handle && !this.closing) this.schedulePoll(handle);
  }

  private lost(handle: FileHandle): Promise<void> {
    if (this.handle !== handle) return Promise.resolve();
    this.closing ??= this.shutDown(true);
    return this.closing;
  }

  private async shutDown(disconnected: boolean): Promise<void> {
    const handle = this.handle;
    clearTimeout(this.poller);
    await handle?.close().catch(() => undefined);
    this.handle = undefined;
    this.closing = undefined;
    this.emit("close", { disconnected });
  }
}
