/**
 * BarcodeScanner: a serial (USB-COM) barcode scanner. It only talks: every scan is a line of ASCII (codec.ts), so
 * the driver frames lines, drops a partial line after `idleFlushMs` of silence, and reports scans and refusals.
 * open()/close()/health follow core/deviceDriver.ts; health is the port's (a scanner says nothing until a scan).
 * Keyboard-wedge scanners are the page's business, not this driver's.
 *
 *   Transport "data" --> ScanLineParser --> "scan" { code, at }
 *                                      \--> "rejected" DriverError (BadPayload garbage | Oversize | BadLength)
 *   Transport "close" {disconnected} --> health "disconnected" --> Reconnector --> health "connected"
 *
 * Logs under module "barcode-scanner": health at info/warn, refusals at debug with their length, never a code.
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { DeviceDriver, DeviceDriverOptions } from "../core/deviceDriver.ts";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { HealthCell } from "../core/healthCell.ts";
import { driverLogger } from "../core/logger.ts";
import { Reconnector } from "../core/reconnector.ts";
import type { Transport } from "../core/transport.ts";
import { DEFAULT_MAX_SCAN_LENGTH, ScanLineParser, type ScanLineEvent, type ScanRejectReason } from "./codec.ts";

export interface BarcodeScannerOptions extends DeviceDriverOptions {
  readonly transport: Transport;
  /** Longest accepted scan in characters (default 256); longer lines are refused as Oversize. */
  readonly maxLength?: number;
  /** Silence after which a partial line is dropped as unterminated (default 500 ms). */
  readonly idleFlushMs?: number;
  readonly now?: () => number;
  /** Where the scanner logs (as module "barcode-scanner"); silent when absent. Never receives a scanned code. */
  readonly logger?: Logger;
}

/** One scan: the code as the scanner sent it (printable ASCII) and when it arrived (epoch ms). */
export interface Scan {
  readonly code: string;
  readonly at: number;
}

export interface BarcodeScannerEvents {
  scan: [Scan];
  /** A line that was no scan: DriverError with `context.reason` ScanRejectReason and `context.length`. */
  rejected: [DriverError];
  health: [DeviceHealth];
}

const rejectCode: Record<ScanRejectReason, DriverErrorCode> = {
  garbage: DriverErrorCode.BadPayload,
  oversize: DriverErrorCode.Oversize,
  unterminated: DriverErrorCode.BadLength,
};

/** The serial barcode scanner driver; see BarcodeScannerEvents. */
export class BarcodeScanner extends EventEmitter<BarcodeScannerEvents> implements DeviceDriver {
  private readonly parser: ScanLineParser;
  private readonly health_: HealthCell;
  private readonly reconnector: Reconnector;
  private readonly log: Logger;
  private readonly now: () => number;
  private idleTimer: NodeJS.Timeout | undefined;
  private wanted = false;

  constructor(private readonly options: BarcodeScannerOptions) {
    super();
    this.parser = new ScanLineParser(options.maxLength ?? DEFAULT_MAX_SCAN_LENGTH);
    this.now = options.now ?? Date.now;
    this.log = driverLogger(options.logger, { module: "barcode-scanner", device: options.transport.description });
    this.health_ = new HealthCell(this.log, (health) => this.emit("health", health), this.now);
    this.reconnector = new Reconnector(options.transport, options.reconnect ?? {}, {
      onRetry: (error, nextDelayMs) => this.log.debug({ nextDelayMs }, "scanner open failed; retrying"),
      onReopened: () => {
        this.log.info("scanner reconnected");
        this.health_.set("connected", "");
      },
    });
    options.transport.on("data", (chunk) => this.onData(chunk));
    options.transport.on("error", (error) => this.log.debug({ message: error.message }, "transport error"));
    options.transport.on("close", ({ disconnected }) => this.onClose(disconnected));
  }

  get health(): DeviceHealth {
    return this.health_.current;
  }

  /** Open the port; rejects OpenFailed (health "disconnected", code "open-failed") and keeps retrying. */
  async open(): Promise<void> {
    this.wanted = true;
    try {
      await this.options.transport.open();
    } catch (error) {
      this.health_.set("disconnected", "scanner port cannot be opened", "open-failed");
      this.reconnector.arm();
      throw error;
    }
    this.health_.set("connected", "");
  }

  async close(): Promise<void> {
    this.wanted = false;
    this.reconnector.cancel();
    clearTimeout(this.idleTimer);
    this.parser.flush();
    await this.options.transport.close();
    this.health_.set("disconnected", "closed", "closed");
  }

  private onData(chunk: Buffer): void {
    this.dispatch(this.parser.push(chunk));
    clearTimeout(this.idleTimer);
    this.idleTimer =
      this.parser.buffered > 0
        ? setTimeout(() => this.dispatch(this.parser.flush()), this.options.idleFlushMs ?? 500)
        : undefined;
  }

  private dispatch(events: ScanLineEvent[]): void {
    for (const event of events) {
      if (event.kind === "scan") {
        this.emit("scan", { code: event.code, at: this.now() });
        continue;
      }
      this.log.debug({ reason: event.reason, count: event.length }, "line rejected");
      this.emit(
        "rejected",
        new DriverError(rejectCode[event.reason], `scan refused: ${event.message}`, {
          reason: event.reason,
          length: event.length,
        }),
      );
    }
  }

  private onClose(disconnected: boolean): void {
    clearTimeout(this.idleTimer);
    this.parser.flush(); // half a line from before the unplug is no scan
    if (!disconnected || !this.wanted) return;
    this.health_.set("disconnected", "scanner unplugged", "unplugged");
    this.reconnector.arm();
  }
}
