/**
 * IdCardReader: polls a SAM-protocol reader and reports each card once per placement.
 *
 *   Transport --data--> IdCardParser --frame--> decodeReply --> Waiter (matches the one outstanding command)
 *                       ^ flush() before each request and after a timeout: a partial frame then is stale
 *   poll timer --> readTransition (machine.ts) --send--> encodeRequest --> Transport.write
 *                                             --card / removed / error--> events
 *   Transport "close" {disconnected} --> health "disconnected" --> reopen with backoff --> health "connected"
 *
 * open()/close()/health follow core/deviceDriver.ts (a failed first open rejects OpenFailed and keeps retrying).
 * Commands are strictly one at a time (the protocol has no request ids): the poll cycle and the public
 * commands share one CommandQueue.
 *
 * Logs under module "idcard-reader": health at info/warn, reconnects at info, failed reads at warn, timeouts,
 * discards and card reads at debug. Card content is personal data and never logged, at any level: a read logs its
 * card type and a running count only; discarded frames log their length and reason, never their bytes.
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { DriverError, DriverErrorCode, isDriverError } from "../core/errors.ts";
import { CommandQueue } from "../core/commandQueue.ts";
import type { DeviceDriver, DeviceDriverOptions } from "../core/deviceDriver.ts";
import type { DeviceHealth } from "../core/health.ts";
import { HealthCell } from "../core/healthCell.ts";
import { driverLogger } from "../core/logger.ts";
import { Reconnector } from "../core/reconnector.ts";
import type { Transport } from "../core/transport.ts";
import { Waiter } from "../core/waiter.ts";
import {
  IdCardCommand,
  MAX_FRAME_LENGTH,
  Sw3,
  decodeReply,
  encodeRequest,
  readerStatus,
  statusError,
  type CommandCode,
  type IdCardReply,
  type ReaderStatus,
} from "./codec.ts";
import {
  initialReadState,
  readTransition,
  replyFits,
  type ReadMachineOptions,
  type ReadMachineState,
  type ReadStep,
} from "./machine.ts";
import { IdCardParser, type DiscardReason, type ParserEvent } from "./parser.ts";
import { formatSamId, type CardRead } from "./payload.ts";

/** Time on the wire for `bytes` at `baud`, 8N1 (10 bits a byte), rounded up to a millisecond. */
export function wireTimeMs(bytes: number, baud: number): number {
  return Math.ceil((bytes * 10 * 1000) / baud);
}

/** Per-command reply timeouts in ms. */
export interface IdCardTimeouts {
  readonly find: number;
  readonly select: number;
  readonly read: number;
  /** SAM status, SAM id and other short commands. */
  readonly command: number;
}

/**
 * Default timeouts for `baud`: the longest reply's wire time plus the reader's own work. A SAM needs a few
 * hundred ms to authenticate and read a card [I]; 1.5 s of margin covers slow modules.
 */
export function defaultTimeouts(baud: number): IdCardTimeouts {
  const short = wireTimeMs(32, baud) + 500;
  return { find: short, select: short, command: short, read: wireTimeMs(MAX_FRAME_LENGTH, baud) + 1500 };
}

/** Options of the reader driver. */
export interface IdCardReaderOptions extends DeviceDriverOptions {
  /** Pause between poll cycles, ms (300). */
  readonly pollIntervalMs?: number;
  /** Link speed, used only to size the default timeouts (115200). */
  readonly baudRate?: number;
  readonly timeouts?: Partial<IdCardTimeouts>;
  /** Read with 30 10 (text + photo + fingerprint) instead of 30 01. Default false. */
  readonly readFingerprint?: boolean;
  /** Consecutive timeouts before health turns "degraded" (3). */
  readonly degradedAfterTimeouts?: number;
  readonly now?: () => number;
  /** Where the reader logs (as module "idcard-reader"); silent when absent. Never receives card content. */
  readonly logger?: Logger;
}

/**
 * Events. "readError" (not "error", so an unheard one never throws) carries typed failures of a read
 * cycle or of the link; "discarded" reports bytes the framer dropped.
 */
export interface IdCardReaderEvents {
  card: [CardRead];
  removed: [];
  readError: [DriverError];
  health: [DeviceHealth];
  discarded: [Uint8Array, DiscardReason];
}

function toDriverError(error: unknown): DriverError {
  if (isDriverError(error)) return error;
  return new DriverError(DriverErrorCode.DeviceStatus, error instanceof Error ? error.message : String(error));
}

/** The ID-card reader driver over an injected Transport. `open()` opens and polls; `close()` closes. */
export class IdCardReader extends EventEmitter<IdCardReaderEvents> implements DeviceDriver {
  private readonly parser = new IdCardParser();
  private readonly waiter = new Waiter<IdCardReply>();
  private readonly timeouts: IdCardTimeouts;
  private readonly pollIntervalMs: number;
  private readonly machineOptions: ReadMachineOptions;
  private readonly reconnector: Reconnector;
  private readonly degradedAfter: number;
  private readonly now: () => number;
  private readonly log: Logger;
  private machine: ReadMachineState = initialReadState;
  private readonly queue = new CommandQueue();
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly wakers = new Set<() => void>();
  private readonly stepCommand: Record<ReadStep, CommandCode>;
  private timeoutsInARow = 0;
  private cardsRead = 0;
  /** Code of the last read error logged at warn; a repeat of it goes to debug until a read or reconnect succeeds. */
  private lastWarned: string | undefined;
  private readonly health_: HealthCell;

  constructor(
    private readonly transport: Transport,
    options: IdCardReaderOptions = {},
  ) {
    super();
    this.timeouts = { ...defaultTimeouts(options.baudRate ?? 115200), ...options.timeouts };
    this.pollIntervalMs = options.pollIntervalMs ?? 300;
    this.machineOptions = { withFingerprint: options.readFingerprint ?? false };
    this.degradedAfter = options.degradedAfterTimeouts ?? 3;
    this.now = options.now ?? Date.now;
    this.log = driverLogger(options.logger, { module: "idcard-reader", device: transport.description });
    this.health_ = new HealthCell(this.log, (health) => this.emit("health", health), this.now);
    this.reconnector = new Reconnector(transport, options.reconnect ?? {}, {
      onRetry: (error, nextDelayMs) => this.log.debug({ nextDelayMs }, "reader open failed; retrying"),
      onReopened: () => {
        this.log.info("reader reconnected");
        this.opened();
      },
    });
    this.stepCommand = {
      find: IdCardCommand.FindCard,
      select: IdCardCommand.SelectCard,
      read: this.machineOptions.withFingerprint ? IdCardCommand.ReadTextPhotoFingerprint : IdCardCommand.ReadTextPhoto,
    };
  }

  /** The last reported health. */
  get health(): DeviceHealth {
    return this.health_.current;
  }

  /**
   * Open the transport and start polling. When the open fails it rejects with DriverError(OpenFailed), reports
   * "disconnected" (code "open-failed") and keeps retrying in the background unless `reconnect` is false.
   */
  async open(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.transport.on("data", this.onData);
    this.transport.on("close", this.onClose);
    this.transport.on("error", this.onError);
    this.loop = this.pollLoop();
    try {
      await this.transport.open();
    } catch (error) {
      this.setHealth("disconnected", toDriverError(error).message, "open-failed");
      this.reconnector.arm();
      throw error;
    }
    // close() ran while the open was in flight: do not leave the port open behind it.
    if (!this.running) await this.transport.close();
    else this.opened();
  }

  /** Stop polling, fail any command in flight with Cancelled, and close the transport. */
  async close(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.reconnector.cancel();
    for (const wake of this.wakers) wake();
    this.waiter.rejectAll(new DriverError(DriverErrorCode.Cancelled, "reader closed"));
    await this.loop;
    await this.queue.idle();
    this.transport.off("data", this.onData);
    this.transport.off("close", this.onClose);
    this.transport.off("error", this.onError);
    await this.transport.close();
    this.setHealth("disconnected", "closed", "closed");
  }

  /** Ask the SAM for its status (11 FF). Resolves with the status, rejects with a typed error when not 90. */
  async samStatus(): Promise<ReaderStatus> {
    const reply = await this.command(IdCardCommand.SamStatus, this.timeouts.command, "command", "SAM status");
    if (reply.sw3 !== Sw3.Success) throw statusError(reply, "SAM status");
    return readerStatus(reply.sw3);
  }

  /** Read the SAM id (12 FF), formatted as "05.01-20260101-0000012345-0000067890". */
  async samId(): Promise<string> {
    const reply = await this.command(IdCardCommand.SamId, this.timeouts.command, "command", "SAM id");
    if (reply.sw3 !== Sw3.Success) throw statusError(reply, "SAM id");
    return formatSamId(reply.data);
  }

  private command(
    code: CommandCode,
    timeoutMs: number,
    step: ReadStep | "command",
    what: string,
  ): Promise<IdCardReply> {
    return this.queue.run(() => this.exchange(code, timeoutMs, step, what));
  }

  private async exchange(
    code: CommandCode,
    timeoutMs: number,
    step: ReadStep | "command",
    what: string,
  ): Promise<IdCardReply> {
    if (!this.transport.isOpen) throw new DriverError(DriverErrorCode.NotOpen, `${what}: reader not connected`);
    // One command at a time: no reply is due now, so a partial frame held is a corrupted header or a late reply.
    this.dropStalePartial();
    const reply = this.waiter.wait((r) => replyFits(step, r), timeoutMs, `${what} reply`);
    // stop() or an unplug may reject the wait while the write is still in flight; it is awaited below.
    reply.catch(() => undefined);
    try {
      await this.transport.write(encodeRequest(code));
    } catch (error) {
      // Only one command is ever outstanding, so failing every waiter fails just this one.
      this.waiter.rejectAll(toDriverError(error));
    }
    try {
      const result = await reply;
      this.noteReply(result);
      return result;
    } catch (error) {
      const typed = toDriverError(error);
      if (typed.code === DriverErrorCode.Timeout) {
        // A header whose Len was corrupted but stays in range would otherwise swallow every later reply.
        this.dropStalePartial();
        this.noteTimeout(what);
      }
      throw typed;
    }
  }

  private async pollLoop(): Promise<void> {
    while (this.running) {
      // The whole cycle is one queue entry, so no public command slips in between find, select and read.
      if (this.transport.isOpen)
        await this.queue.run(() => this.readCycle()).catch((error: unknown) => this.reportError(toDriverError(error)));
      if (!this.running) break;
      await this.pause(this.pollIntervalMs);
    }
  }

  private async readCycle(): Promise<void> {
    let transition = readTransition(this.machine, { kind: "poll" }, this.machineOptions);
    for (;;) {
      this.machine = transition.state;
      let next: ReadStep | undefined;
      for (const action of transition.actions) {
        if (action.kind === "send") next = action.step;
        else if (action.kind === "card") {
          // The card type and a count only: everything else on the card is personal data.
          this.log.debug({ cardType: action.read.card.type, cardsRead: ++this.cardsRead }, "card read");
          this.lastWarned = undefined;
          this.emit("card", action.read);
        } else if (action.kind === "removed") {
          this.log.debug("card removed");
          this.emit("removed");
        } else this.reportError(action.error);
      }
      if (!next || !this.running) return;
      const step = next;
      try {
        const reply = await this.exchange(this.stepCommand[step], this.timeouts[step], step, `${step} card`);
        transition = readTransition(this.machine, { kind: "reply", reply }, this.machineOptions);
      } catch (error) {
        const failed = toDriverError(error);
        if (failed.cancelled) return;
        transition = readTransition(this.machine, { kind: "failed", error: failed }, this.machineOptions);
      }
    }
  }

  private reportError(error: DriverError): void {
    // A silent, unplugged or faulty reader fails every poll. Timeouts and unplugs show in health, so they are debug;
    // another failure is a warn once, and its repeats every poll are debug until a read or reconnect succeeds.
    const routine =
      error.code === DriverErrorCode.Timeout || error.code === DriverErrorCode.NotOpen || error.disconnected;
    const fields = { code: error.codeName, context: error.context };
    if (routine || this.lastWarned === error.codeName) this.log.debug(fields, error.message);
    else {
      this.lastWarned = error.codeName;
      this.log.warn(fields, error.message);
    }
    this.emit("readError", error);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  /** The port (re)opened: the link state is fresh and health "connected". */
  private opened(): void {
    this.parser.reset();
    // A reader that lost power forgets it was read; report the card in the field again.
    this.machine = initialReadState;
    this.timeoutsInARow = 0;
    this.lastWarned = undefined;
    this.setHealth("connected", "", undefined);
  }

  /** Any reply proves the link; a SAM that failed its self-test or lacks authorisation makes the reader degraded. */
  private noteReply(reply: IdCardReply): void {
    this.timeoutsInARow = 0;
    if (reply.sw3 === Sw3.SamSelfTestFailed || reply.sw3 === Sw3.SamNotAuthorised)
      this.setHealth("degraded", `SAM fault: ${readerStatus(reply.sw3).meaning}`, "sam-fault");
    else if (this.health_.current.state === "degraded") this.setHealth("connected", "", undefined);
  }

  private noteTimeout(what: string): void {
    this.timeoutsInARow++;
    this.log.debug({ what, inARow: this.timeoutsInARow }, "no reply in time");
    if (this.timeoutsInARow >= this.degradedAfter)
      this.setHealth("degraded", `reader not answering (${what}, ${this.timeoutsInARow} timeouts in a row)`, "timeout");
  }

  private setHealth(state: DeviceHealth["state"], reason: string, code: string | undefined): void {
    this.health_.set(state, reason, code);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.handleParsed(this.parser.push(chunk));
  };

  /** Flush the framer: its preamble is reported as "incomplete" and any whole frame behind it is still handled. */
  private dropStalePartial(): void {
    if (this.parser.buffered > 0) this.handleParsed(this.parser.flush());
  }

  private handleParsed(events: ParserEvent[]): void {
    for (const event of events) {
      if (event.kind === "discarded") {
        this.log.debug({ reason: event.reason, count: event.bytes.length }, "discarded bytes");
        this.emit("discarded", event.bytes, event.reason);
        continue;
      }
      let reply: IdCardReply;
      try {
        reply = decodeReply(event.frame);
      } catch {
        this.log.debug({ reason: "bad-length", count: event.frame.length }, "discarded frame");
        this.emit("discarded", event.frame, "bad-length");
        continue;
      }
      if (!this.waiter.offer(reply)) this.log.debug({ sw3: reply.sw3, count: reply.data.length }, "unexpected reply");
    }
  }

  private readonly onClose = (info: { disconnected: boolean }): void => {
    if (!info.disconnected || !this.running) return;
    this.waiter.rejectAll(new DriverError(DriverErrorCode.Disconnected, "reader unplugged"));
    this.setHealth("disconnected", "reader unplugged", "unplugged");
    this.reconnector.arm();
  };

  private readonly onError = (error: Error): void => {
    this.log.debug({ message: error.message }, "transport error");
  };
}
