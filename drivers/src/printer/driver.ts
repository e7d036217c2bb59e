/**
 * The ticket printer driver: the job machine and status reading over any transport (serial, /dev/usb/lpN,
 * TCP 9100).
 *
 *   print(layout) --encode--> [status ok?] --bytes + GS r 1--> transport --> printer
 *   status() ---DLE EOT 1..4-->                                 transport --> printer
 *   transport "data" --PrinterReplyParser--> realtime / paper / id replies --> waiter
 *                                        \--> ASB blocks --> status, health, running job
 *
 * All exchanges run one at a time. Health ("connected" / "degraded" / "disconnected") follows every status read,
 * ASB block, timeout and unplug; after an unplug the driver reopens the transport until it comes back.
 *
 * A job counts as printed only when the printer reports OK after it. The one exception is a print the caller
 * explicitly allows to go unverified (`print(job, { allowUnverified: true })`) on a printer that cannot report
 * status: a profile with `status: "none"`, or a one-way USB interface found at run time (health then degraded,
 * "no status read-back"). Without that option such a job is refused before any byte is sent.
 *
 * No status bit tells that firmware skipped a QR code it could not fit, so a job holding one is refused before
 * any byte is sent, whatever its form (layout, command list or raw bytes, decoded to find its GS ( k symbols).
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { DriverError, DriverErrorCode, isDriverError } from "../core/errors.ts";
import { isNoReadBackError } from "../core/fileTransport.ts";
import { CommandQueue } from "../core/commandQueue.ts";
import type { DeviceDriver, DeviceDriverOptions } from "../core/deviceDriver.ts";
import type { DeviceHealth, DeviceHealthState } from "../core/health.ts";
import { HealthCell } from "../core/healthCell.ts";
import { driverLogger } from "../core/logger.ts";
import { Reconnector } from "../core/reconnector.ts";
import type { Transport } from "../core/transport.ts";
import { Waiter } from "../core/waiter.ts";
import { encodeCommands, type EscPosCommand } from "./codec.ts";
import { EscPosDecoder } from "./escposParser.ts";
import { describeQrProblem, unprintableQrs } from "./qrSymbol.ts";
import { decodeRealtimeStatus, isBlocking, type PrinterCondition, type PrinterStatus } from "./status.ts";
import { initialJobState, isFinished, stepJob, type JobFailure, type JobInput, type JobState } from "./machine.ts";
import { PrinterReplyParser, type PrinterReply } from "./parser.ts";
import type { PrinterProfile } from "./profiles.ts";
import { ticketCommands, type TicketLayout } from "./layout.ts";

export interface PrinterDriverOptions extends DeviceDriverOptions {
  readonly transport: Transport;
  readonly profile: PrinterProfile;
  readonly logger?: Logger;
  /** Wait this long for each status reply (default 1000 ms). */
  readonly statusTimeoutMs?: number;
  /** A job must be confirmed within this long (default 20 s: a ticket prints in 1-3 s). */
  readonly jobTimeoutMs?: number;
  /** Status poll while a job prints, to catch paper running out mid-job (default 300 ms). */
  readonly jobPollMs?: number;
  /** Status poll while idle, for health (default 5000 ms; 0 turns it off; ASB printers need it less). */
  readonly pollIntervalMs?: number;
  readonly now?: () => number;
}

/** What `print` resolves with once the printer confirmed the job. */
export interface PrintReceipt {
  readonly bytes: number;
  /**
   * The printer's condition over the job, "ok" or "paper-near-end": the worst of every reading once the job is
   * under way (DLE EOT polls, ASB blocks, the GS r 1 paper sensor at its end, the final DLE EOT). "ok" unchecked
   * when not verified.
   */
  readonly condition: PrinterCondition;
  /**
   * False only when the caller passed `allowUnverified` and the printer cannot report status: the bytes were
   * delivered, nothing more is known. Such a receipt does not prove a ticket is on paper.
   */
  readonly verified: boolean;
  readonly durationMs: number;
}

/**
 * What `print` takes: bytes, a command list, or a block layout (a readable command list, printer/layout.ts). What a
 * queue ticket says and how it is laid out is the station's (station-agent/src/ticket/), never the driver's.
 */
export type PrintJob = TicketLayout | Uint8Array | readonly EscPosCommand[];

/** Per-job options of `print`. */
export interface PrintOptions {
  /**
   * Accept a printer that cannot confirm the job (no status read-back): resolve with `verified: false` once the
   * bytes are out instead of refusing. Only for a caller that can live with a ticket that may not be on paper.
   */
  readonly allowUnverified?: boolean;
}

const conditionError: Record<PrinterCondition, { code: DriverErrorCode; message: string }> = {
  "paper-out": { code: DriverErrorCode.PaperOut, message: "printer is out of paper" },
  "cover-open": { code: DriverErrorCode.CoverOpen, message: "printer cover is open" },
  "cutter-error": { code: DriverErrorCode.CutterError, message: "printer cutter is jammed" },
  offline: { code: DriverErrorCode.Offline, message: "printer is offline" },
  "paper-near-end": { code: DriverErrorCode.DeviceStatus, message: "paper is nearly out" },
  ok: { code: DriverErrorCode.DeviceStatus, message: "printer is ready" },
};

const healthOf: Record<PrinterCondition, { state: DeviceHealthState; reason: string }> = {
  ok: { state: "connected", reason: "" },
  "paper-near-end": { state: "degraded", reason: "paper nearly out" },
  "paper-out": { state: "degraded", reason: "out of paper" },
  "cover-open": { state: "degraded", reason: "cover open" },
  "cutter-error": { state: "degraded", reason: "cutter jammed" },
  offline: { state: "degraded", reason: "printer offline" },
};

const END_OF_JOB = encodeCommands([{ op: "paperStatus" }]);
const STATUS_QUERY = encodeCommands([1, 2, 3, 4].map((n) => ({ op: "realtimeStatus", n }) as EscPosCommand));

/** Typed error for a failed job; `context.sent` says whether any of the ticket may be on paper. */
function jobError(state: Extract<JobState, { kind: "failed" }>): DriverError {
  const reason: JobFailure = state.reason;
  const context = { sent: state.sent, reason: reason.kind };
  switch (reason.kind) {
    case "condition": {
      const { code, message } = conditionError[reason.condition];
      return new DriverError(code, state.sent ? `${message} (job interrupted)` : message, {
        ...context,
        condition: reason.condition,
      });
    }
    case "timeout":
      return new DriverError(DriverErrorCode.Timeout, `printer did not confirm the job (${reason.phase})`, {
        ...context,
        phase: reason.phase,
      });
    case "disconnected":
      return new DriverError(DriverErrorCode.Disconnected, "printer disconnected", context);
    case "write-failed":
      return new DriverError(DriverErrorCode.WriteFailed, "could not send the job to the printer", context);
  }
}

const inputForError = (error: unknown): JobInput =>
  isDriverError(error) && error.code === DriverErrorCode.Timeout
    ? { kind: "timeout" }
    : isDriverError(error) && (error.disconnected || error.code === DriverErrorCode.NotOpen)
      ? { kind: "disconnected" }
      : { kind: "write-failed" };

/** A queue of job inputs the job loop awaits one by one. */
class Inbox<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  async next(): Promise<T> {
    while (this.items.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
    return this.items.shift()!;
  }
}

export interface PrinterDriverEvents {
  health: [DeviceHealth];
  status: [PrinterStatus];
  /** Bytes from the printer that fit no reply (line noise, a late reply). */
  discarded: [Uint8Array];
}

/** Drives one ESC/POS ticket printer; open/close/health follow core/deviceDriver.ts. */
export class PrinterDriver extends EventEmitter<PrinterDriverEvents> implements DeviceDriver {
  readonly profile: PrinterProfile;
  private readonly transport: Transport;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly parser = new PrinterReplyParser();
  private readonly waiter = new Waiter<PrinterReply>();
  private readonly queue = new CommandQueue();
  private readonly health_: HealthCell;
  private readonly reconnector: Reconnector;
  private status_: PrinterStatus | undefined;
  private job: Inbox<JobInput> | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private wanted = false;
  /** False once the transport said the printer cannot send anything back (one-way USB); reset on every open. */
  private readBack = true;

  constructor(private readonly options: PrinterDriverOptions) {
    super();
    this.transport = options.transport;
    this.profile = options.profile;
    this.log = driverLogger(options.logger, { module: "printer", device: this.transport.description });
    this.now = options.now ?? Date.now;
    this.health_ = new HealthCell(this.log, (health) => this.emit("health", health), this.now);
    this.reconnector = new Reconnector(this.transport, options.reconnect ?? {}, {
      onRetry: (error, nextDelayMs) => this.log.debug({ err: error, nextDelayMs }, "reopen failed; retrying"),
      onReopened: () => {
        this.log.info("printer reconnected");
        this.readBack = true;
        void this.exclusive(() => this.connected());
      },
    });
    this.transport.on("data", (chunk) => this.onData(chunk));
    this.transport.on("close", ({ disconnected }) => this.onClose(disconnected));
    this.transport.on("error", (error) => this.onTransportError(error));
  }

  get health(): DeviceHealth {
    return this.health_.current;
  }

  /** The last status read or pushed, if any. */
  get lastStatus(): PrinterStatus | undefined {
    return this.status_;
  }

  get isOpen(): boolean {
    return this.transport.isOpen;
  }

  /**
   * Open the transport and read the first status; a silent printer only degrades health. Rejects with OpenFailed
   * (health "disconnected", code "open-failed") and keeps retrying unless `reconnect` is false.
   */
  async open(): Promise<void> {
    this.wanted = true;
    this.readBack = true;
    this.startIdlePoll();
    try {
      await this.transport.open();
    } catch (error) {
      this.setHealth("disconnected", "printer not reachable", "open-failed");
      this.reconnector.arm();
      throw error;
    }
    await this.exclusive(() => this.connected());
  }

  /** Close for good: no more polling or reconnecting. */
  async close(): Promise<void> {
    this.wanted = false;
    clearInterval(this.idleTimer);
    this.reconnector.cancel();
    await this.transport.close();
    this.setHealth("disconnected", "closed", "closed");
  }

  /** Read DLE EOT 1..4 now. Rejects with Timeout when the printer does not answer, NotOpen when unplugged. */
  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.readStatus());
  }

  /** Printer maker and model (GS I 0x42 / 0x43). */
  identify(): Promise<{ maker: string; model: string }> {
    return this.exclusive(async () => {
      const timeout = this.options.statusTimeoutMs ?? 1000;
      const replies = [0x42, 0x43].map((n) => this.waiter.wait((r) => r.kind === "id", timeout, `GS I ${n} reply`));
      for (const reply of replies) reply.catch(() => undefined);
      await this.send(
        encodeCommands([
          { op: "printerId", n: 0x42 },
          { op: "printerId", n: 0x43 },
        ]),
      );
      const [maker, model] = (await Promise.all(replies)).map((r) => (r.kind === "id" ? r.text : ""));
      return { maker: maker ?? "", model: model ?? "" };
    });
  }

  /**
   * Print a ticket and resolve once the printer confirms it: status fine before, every byte processed (GS r 1
   * answered), status fine after. Rejects with PaperOut, CoverOpen, CutterError or Offline (nothing printed when
   * `context.sent` is false; possibly a partial ticket when true), Timeout, Disconnected or WriteFailed.
   *
   * Exception: a printer without status read-back cannot confirm anything. Its jobs are refused with DeviceStatus
   * (`context.reason` "unverifiable", nothing sent) unless `options.allowUnverified` is true; then the job
   * resolves with `verified: false` once the bytes are out.
   */
  print(job: PrintJob, options: PrintOptions = {}): Promise<PrintReceipt> {
    let bytes: Uint8Array;
    try {
      bytes = this.encodeJob(job);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.exclusive(() => this.runJob(bytes, options.allowUnverified === true));
  }

  /**
   * The job's bytes, once its every QR code is known to print on this profile. Throws DriverError(BadPayload,
   * `context.reason` "qr-too-wide" or "qr-over-capacity", `sent` false) for one that cannot, RangeError for a
   * command parameter out of range.
   */
  private encodeJob(job: PrintJob): Uint8Array {
    const encoding = { chineseEncoding: this.profile.chineseEncoding, chineseAtStart: this.profile.chinese };
    let commands: readonly EscPosCommand[];
    if (job instanceof Uint8Array) {
      const decoder = new EscPosDecoder(encoding);
      commands = [...decoder.push(job), ...decoder.flush()].flatMap((item) =>
        item.kind === "command" ? [item.command] : [],
      );
    } else commands = Array.isArray(job) ? (job as readonly EscPosCommand[]) : this.layoutCommands(job as TicketLayout);
    const [unprintable] = unprintableQrs(commands, this.profile.printWidthDots);
    if (unprintable) {
      const { problem } = unprintable;
      throw new DriverError(DriverErrorCode.BadPayload, `${describeQrProblem(problem)}: job refused, nothing sent`, {
        sent: false,
        ...problem,
        reason: `qr-${problem.reason}`,
      });
    }
    return job instanceof Uint8Array ? job : encodeCommands(commands, encoding);
  }

  /** A layout's commands; the builder's refusal (a QR code that cannot print) says that nothing was sent. */
  private layoutCommands(layout: TicketLayout): EscPosCommand[] {
    try {
      return ticketCommands(layout, this.profile);
    } catch (error) {
      if (!isDriverError(error)) throw error;
      throw new DriverError(error.code, `${error.message}: job refused, nothing sent`, {
        ...error.context,
        sent: false,
      });
    }
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run(task);
  }

  private async connected(): Promise<void> {
    if (this.profile.status === "none") {
      this.setHealth("connected", "", "no-status");
      return;
    }
    // Automatic Status Back: the printer pushes a block now and on every change (devices.md §2.6).
    if (this.profile.asb) await this.send(encodeCommands([{ op: "autoStatusBack", mask: 0x0f }]));
    await this.readStatus().catch((error: unknown) => this.log.warn({ err: error }, "no status after open"));
  }

  private async readStatus(): Promise<PrinterStatus> {
    if (this.profile.status === "none")
      throw new DriverError(DriverErrorCode.DeviceStatus, "this printer's status cannot be read");
    if (!this.readBack) throw new DriverError(DriverErrorCode.DeviceStatus, "printer gives no status read-back");
    const timeout = this.options.statusTimeoutMs ?? 1000;
    // One waiter per class, registered in the order the queries go out: replies come back in that order. Once
    // the read fails, its leftover waiters stop matching so they cannot take the next read's replies.
    let live = true;
    const replies = [1, 2, 3, 4].map((n) =>
      this.waiter.wait((reply) => live && reply.kind === "realtime", timeout, `DLE EOT ${n} reply`),
    );
    for (const reply of replies) reply.catch(() => undefined);
    try {
      await this.send(STATUS_QUERY);
      const bytes = (await Promise.all(replies)).map((reply) => (reply.kind === "realtime" ? reply.byte : 0));
      const status = decodeRealtimeStatus(bytes as [number, number, number, number]);
      this.noteStatus(status);
      return status;
    } catch (error) {
      live = false;
      if (isDriverError(error) && error.code === DriverErrorCode.Timeout && this.transport.isOpen)
        this.setHealth("degraded", "printer does not answer", "no-reply");
      throw error;
    }
  }

  private async runJob(bytes: Uint8Array, allowUnverified: boolean): Promise<PrintReceipt> {
    const started = this.now();
    if (this.profile.status === "none" || !this.readBack) {
      if (!allowUnverified)
        throw new DriverError(
          DriverErrorCode.DeviceStatus,
          "printer cannot confirm the job (no status read-back); refused unless allowUnverified is set",
          { sent: false, reason: "unverifiable" },
        );
      await this.send(bytes);
      return { bytes: bytes.length, condition: "ok", verified: false, durationMs: this.now() - started };
    }
    const inbox = new Inbox<JobInput>();
    let state: JobState = initialJobState;
    let polling = false;
    /** Poll status; a fine status counts only in the phase it was asked in (a verify must follow end of job). */
    const poll = () => {
      if (polling) return;
      polling = true;
      const phase = state.kind;
      this.readStatus().then(
        (status) => {
          polling = false;
          if (state.kind === phase || isBlocking(status.condition)) inbox.push({ kind: "status", status });
        },
        (error: unknown) => {
          polling = false;
          inbox.push(inputForError(error));
        },
      );
    };
    const deadline = setTimeout(() => inbox.push({ kind: "timeout" }), this.options.jobTimeoutMs ?? 20_000);
    let ticker: NodeJS.Timeout | undefined;
    let live = true; // the end-of-job waiter stops matching when the job ends: its reply may never come
    this.job = inbox;
    try {
      if (this.transport.isOpen) poll();
      else inbox.push({ kind: "disconnected" });
      while (!isFinished(state)) {
        const before = state.kind;
        state = stepJob(state, await inbox.next());
        if (state.kind === before) continue;
        this.log.debug({ from: before, to: state.kind }, "job");
        if (state.kind === "sending") {
          this.waiter
            .wait((reply) => live && reply.kind === "paper", this.options.jobTimeoutMs ?? 20_000, "end-of-job reply")
            .then(
              (reply) => reply.kind === "paper" && inbox.push({ kind: "end-of-job", paper: reply.sensor }),
              (error: unknown) => inbox.push(inputForError(error)),
            );
          const job = new Uint8Array(bytes.length + END_OF_JOB.length);
          job.set(bytes);
          job.set(END_OF_JOB, bytes.length);
          this.send(job).then(
            () => inbox.push({ kind: "sent" }),
            (error: unknown) => inbox.push(inputForError(error)),
          );
        } else if (state.kind === "confirming") {
          ticker = setInterval(poll, this.options.jobPollMs ?? 300);
        } else if (state.kind === "verifying") {
          clearInterval(ticker);
          polling = false; // a poll from the confirming phase no longer counts
          poll();
        }
      }
    } finally {
      clearTimeout(deadline);
      clearInterval(ticker);
      live = false;
      this.job = undefined;
    }
    if (state.kind === "failed") {
      const error = jobError(state);
      this.log.warn({ err: error }, "job failed");
      throw error;
    }
    if (state.kind !== "printed") throw new Error("unreachable");
    return { bytes: bytes.length, condition: state.condition, verified: true, durationMs: this.now() - started };
  }

  /**
   * Write, and treat a failed write on an "open" link as an unplug. Reads find every hang-up since
   * hangUpAwareBinding (serialport alone misses one that lands right after a read); this stays as a second line.
   */
  private async send(bytes: Uint8Array): Promise<void> {
    try {
      await this.transport.write(bytes);
    } catch (error) {
      if (isDriverError(error) && error.code === DriverErrorCode.WriteFailed && this.transport.isOpen) {
        this.log.warn({ err: error }, "write failed on an open link: treating it as unplugged");
        void this.transport.close().then(() => this.linkLost());
      }
      throw error;
    }
  }

  private onData(chunk: Buffer): void {
    for (const reply of this.parser.push(chunk)) {
      if (reply.kind === "asb") {
        this.noteStatus(reply.status);
        this.job?.push({ kind: "status", status: reply.status });
      } else if (reply.kind === "discarded") {
        this.log.debug({ bytes: [...reply.bytes] }, "discarded bytes from printer");
        this.emit("discarded", reply.bytes);
      } else if (!this.waiter.offer(reply)) {
        this.log.debug({ reply }, "reply nobody asked for");
        this.emit("discarded", Uint8Array.of(reply.kind === "id" ? 0x5f : reply.byte));
      }
    }
  }

  private onTransportError(error: Error): void {
    if (!isNoReadBackError(error)) {
      this.log.warn({ err: error }, "transport error");
      return;
    }
    // One-way interface: no status reply will ever come, so stop waiting for any and stop asking.
    this.readBack = false;
    this.log.warn({ err: error }, "printer gives no status read-back");
    this.waiter.rejectAll(new DriverError(DriverErrorCode.DeviceStatus, "printer gives no status read-back"));
    this.setHealth("degraded", "no status read-back", "no-read-back");
  }

  private onClose(disconnected: boolean): void {
    this.waiter.rejectAll(new DriverError(DriverErrorCode.Disconnected, "printer disconnected"));
    this.job?.push({ kind: "disconnected" });
    if (disconnected) this.linkLost();
  }

  private linkLost(): void {
    this.setHealth("disconnected", "printer unplugged", "unplugged");
    if (this.wanted) this.reconnector.arm();
  }

  private startIdlePoll(): void {
    const interval = this.options.pollIntervalMs ?? 5000;
    clearInterval(this.idleTimer);
    if (interval <= 0 || this.profile.status === "none") return;
    let queued = false;
    this.idleTimer = setInterval(() => {
      if (queued || !this.transport.isOpen || !this.readBack) return;
      queued = true;
      this.exclusive(() => this.readStatus())
        .catch(() => undefined)
        .finally(() => (queued = false));
    }, interval);
  }

  private noteStatus(status: PrinterStatus): void {
    this.status_ = status;
    this.emit("status", status);
    const { state, reason } = healthOf[status.condition];
    this.setHealth(state, reason, status.condition);
  }

  private setHealth(state: DeviceHealthState, reason: string, code: string): void {
    this.health_.set(state, reason, code);
  }
}
