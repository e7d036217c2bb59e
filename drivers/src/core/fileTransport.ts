import { EventEmitter } from "node:events";
import { constants, open, stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { DriverError, DriverErrorCode, isDriverError } from "./errors.ts";
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
  /** The file system calls used (node:fs/promises); tests inject one to raise errno codes a real file cannot. */
  readonly files?: DeviceFiles;
}

/** The open handle calls the transport makes; node's FileHandle fits. */
export interface DeviceHandle {
  read(buffer: Buffer, offset: number, length: number, position: null): Promise<{ bytesRead: number }>;
  write(data: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  close(): Promise<void>;
}

/** The file system boundary of FileTransport: open the device node, and stat its path after a read error. */
export interface DeviceFiles {
  open(path: string, flags: number): Promise<DeviceHandle>;
  stat(path: string): Promise<unknown>;
}

const nodeFiles: DeviceFiles = { open, stat };

/** errno codes that mean the device is gone: usblp answers ENODEV after unplug. */
const goneCodes = new Set(["ENODEV", "ENXIO", "EBADF", "ENOENT"]);
/** errno codes of stat() on the path that confirm a read EIO was an unplug (the node is gone or dead). */
const goneOnStat = new Set(["ENOENT", "ENODEV"]);
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
 * thread-pool thread per printer forever. A read or write failing with ENODEV/ENXIO, or several end-of-file reads
 * in a row, count as an unplug: the handle is closed and "close" fires with `disconnected = true`.
 *
 * Read errors the kernel's usblp_read gives for a printer that is still there:
 * - EIO: any failed read URB, often transient. The path is stat()ed and only ENOENT/ENODEV count as an unplug
 *   (a PTY whose peer died also reads EIO, and its link is gone by then); otherwise polling goes on. A write EIO
 *   is checked the same way and fails just that write (WriteFailed) when the node is still there.
 * - EINVAL: the interface is one-way (no read-back). Polling stops and one "error" is emitted that
 *   `isNoReadBackError` recognises; writes still work, but no status reply will ever arrive.
 * The same class drives a PTY, which is how the tests exercise it.
 */
export class FileTransport extends EventEmitter implements Transport {
  readonly description: string;
  private readonly files: DeviceFiles;
  private handle: DeviceHandle | undefined;
  private poller: NodeJS.Timeout | undefined;
  private writes: Promise<void> = Promise.resolve();
  private emptyReads = 0;
  private closing: Promise<void> | undefined;
  private readBack = true;
  private transientReadError = false;

  constructor(private readonly options: FileTransportOptions) {
    super();
    this.description = `file:${options.path}`;
    this.files = options.files ?? nodeFiles;
  }

  /** False once the device refused a read as one-way (EINVAL) or when opened write-only; reset by open(). */
  get readsReplies(): boolean {
    return this.isOpen && this.readBack;
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
      this.handle = await this.files.open(this.options.path, flags);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DriverError(DriverErrorCode.OpenFailed, `cannot open ${this.options.path}: ${message}`);
    }
    this.emptyReads = 0;
    this.transientReadError = false;
    this.readBack = readable;
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

  private async writeAll(handle: DeviceHandle, data: Uint8Array): Promise<void> {
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
        if (goneCodes.has(code) || (code === "EIO" && (await this.pathGone()))) {
          void this.lost(handle);
          throw new DriverError(DriverErrorCode.Disconnected, `${this.description} went away (${code})`);
        }
        const message = error instanceof Error ? error.message : String(error);
        throw new DriverError(DriverErrorCode.WriteFailed, `write to ${this.description} failed: ${message}`);
      }
    }
  }

  private schedulePoll(handle: DeviceHandle): void {
    this.poller = setTimeout(() => void this.poll(handle), this.options.pollIntervalMs ?? 20);
  }

  private async poll(handle: DeviceHandle): Promise<void> {
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
        this.transientReadError = false;
        this.emit("data", Buffer.from(buffer.subarray(0, bytesRead)));
      } catch (error) {
        const code = errnoCode(error);
        if (code === "EAGAIN") {
          this.emptyReads = 0;
          this.transientReadError = false;
          break;
        }
        if (goneCodes.has(code) || (code === "EIO" && (await this.pathGone()))) {
          void this.lost(handle);
          return;
        }
        if (code === "EINVAL") {
          this.readBack = false;
          this.emit("error", noReadBackError(this.description));
          return;
        }
        // One report per run of failures: a flaky cable polled every 20 ms must not flood the log.
        if (!this.transientReadError) this.emit("error", error instanceof Error ? error : new Error(String(error)));
        this.transientReadError = true;
        break;
      }
    }
    if (this.handle === handle && !this.closing) this.schedulePoll(handle);
  }

  /** After a read EIO: is the device node itself gone? Any other stat outcome means the printer is still there. */
  private async pathGone(): Promise<boolean> {
    try {
      await this.files.stat(this.options.path);
      return false;
    } catch (error) {
      return goneOnStat.has(errnoCode(error));
    }
  }

  private lost(handle: DeviceHandle): Promise<void> {
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

/** The "error" a FileTransport emits once when the device cannot be read (one-way printer interface). */
function noReadBackError(description: string): DriverError {
  return new DriverError(
    DriverErrorCode.DeviceStatus,
    `${description} gives no status read-back (reads fail with EINVAL: one-way printer interface)`,
    { readBack: false },
  );
}

/** True for the error a transport emits when the device will never send replies (see FileTransport). */
export function isNoReadBackError(error: unknown): boolean {
  return isDriverError(error) && error.context["readBack"] === false;
}
