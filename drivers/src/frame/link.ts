/**
 * The host end of a keypad / LED line: one transport, one framer, one request in flight at a time.
 *
 *   request(frame) --queue--> encode --> Transport.write
 *                                        Transport "data" --> framer --> Waiter (the pending reply)
 *                                                                    \-> "frame" event (everything else)
 *
 * Replies must come within `ackTimeoutMs` (devices.md §5.2: 200 ms); a request is sent up to 1 + `retries` times.
 * After an unplug, or a first open that failed, the link reports `disconnected`, rejects what is pending, and reopens
 * with backoff (core/reconnector.ts; core/deviceDriver.ts gives the rule every driver follows).
 * Health here is the port's only (open, closed, unplugged): on a multidrop line one silent address says nothing
 * about the others, so drivers judge devices per address from request results (`lineHealth.ts`).
 *
 * Logs under module "frame-link": reconnects at info; port health, resends, reopen retries and discarded bytes at
 * debug (the owning driver logs the line's health at info/warn, which covers the port's).
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { DriverError, DriverErrorCode, isDriverError } from "../core/errors.ts";
import { notOpened, type DeviceHealth } from "../core/health.ts";
import { driverLogger } from "../core/logger.ts";
import type { Transport } from "../core/transport.ts";
import { Waiter } from "../core/waiter.ts";
import { CommandQueue } from "../core/commandQueue.ts";
import { Reconnector, type ReconnectOption } from "../core/reconnector.ts";
import type { Frame } from "./codec.ts";
import type { Framing, StreamFramer } from "./framing.ts";
import type { FrameParserEvent } from "./parser.ts";

/** A run of bytes the framer threw away. */
export type DiscardedBytes = Extract<FrameParserEvent, { kind: "discarded" }>;

/** Events of a FrameLink. Transport errors are not re-emitted: a "close" always follows them. */
export interface FrameLinkEvents {
  /** A frame no pending request claimed (unsolicited key events, late duplicates). */
  frame: [Frame];
  /** Bytes the framer dropped. */
  discarded: [DiscardedBytes];
  /** The port's health changed. */
  health: [DeviceHealth];
  /** The port reopened after an unplug. */
  reconnected: [];
}

/** Per-request overrides. */
export interface RequestOptions {
  /** Resends after the first attempt for this request only; default the link's `retries`. */
  readonly retries?: number;
}

/** How a request judges an incoming frame: its good reply, a reply asking for a resend, or not its reply. */
export type ReplyVerdict = "ok" | "retry" | "ignore";

export interface FrameLinkOptions {
  readonly transport: Transport;
  readonly framing: Framing;
  /** Per-attempt reply timeout; default 200 ms (devices.md §5.2). */
  readonly ackTimeoutMs?: number;
  /** Resends after the first attempt; default 3. */
  readonly retries?: number;
  /** Silence after which a partial frame is dropped; default 50 ms (>> 3.5 characters at 9600 baud). */
  readonly idleFlushMs?: number;
  /** Reopen after an unplug or a failed first open (default `{ initialMs: 100, maxMs: 2000 }`; false: never). */
  readonly reconnect?: ReconnectOption;
  readonly now?: () => number;
  /** Where the link logs (as module "frame-link"); silent when absent. */
  readonly logger?: Logger;
}

/** One keypad / LED line; see FrameLinkEvents for what it emits. */
export class FrameLink extends EventEmitter<FrameLinkEvents> {
  private readonly waiter = new Waiter<Frame>();
  private readonly reconnector: Reconnector;
  private framer: StreamFramer;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly queue = new CommandQueue();
  private closing = false;
  private current: DeviceHealth;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly options: FrameLinkOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.log = driverLogger(options.logger, { module: "frame-link", device: options.transport.description });
    this.framer = options.framing.createFramer();
    this.current = notOpened(this.now());
    this.reconnector = new Reconnector(options.transport, options.reconnect ?? {}, {
      onRetry: (error, nextDelayMs) => this.log.debug({ err: error, nextDelayMs }, "reopen failed; retrying"),
      onReopened: () => {
        this.log.info(
          this.current.code === "open-failed" ? "port opened after a failed open" : "port reopened after unplug",
        );
        this.setHealth("connected", "", undefined);
        this.emit("reconnected");
      },
    });
    options.transport.on("data", (chunk) => this.onData(chunk));
    options.transport.on("error", () => undefined);
    options.transport.on("close", ({ disconnected }) => this.onClose(disconnected));
  }

  /** Latest health of the port (not of the devices behind it). */
  get health(): DeviceHealth {
    return this.current;
  }

  /**
   * Open the transport. Rejects with DriverError(OpenFailed), reports "disconnected" (code "open-failed") and, with
   * reconnecting on, keeps retrying until it opens or `close()` is called.
   */
  async open(): Promise<void> {
    this.closing = false;
    try {
      await this.options.transport.open();
    } catch (error) {
      this.setHealth("disconnected", "port cannot be opened", "open-failed");
      this.reconnector.arm();
      throw error;
    }
    this.setHealth("connected", "", undefined);
  }

  /** Stop reconnecting, fail pending requests with Cancelled, and close the transport. */
  async close(): Promise<void> {
    this.closing = true;
    this.reconnector.cancel();
    clearTimeout(this.idleTimer);
    this.waiter.rejectAll(new DriverError(DriverErrorCode.Cancelled, "link closed"));
    await this.options.transport.close();
    this.setHealth("disconnected", "closed", "closed");
  }

  /**
   * Send `frame` and resolve with the first frame `judge` calls "ok". Frames judged "retry" (e.g. a bad-checksum
   * status) and silent timeouts trigger a resend. Rejects with DriverError Timeout (never answered),
   * NotAcknowledged (answered "retry" to the end; context.reply holds the last answer), Disconnected or Cancelled.
   */
  request(
    frame: Frame,
    judge: (reply: Frame) => ReplyVerdict,
    what = "reply",
    options: RequestOptions = {},
  ): Promise<Frame> {
    const retries = options.retries ?? this.options.retries ?? 3;
    return this.queue.run(() => this.exchange(frame, judge, what, 1 + retries));
  }

  /** Queue a frame that expects no reply (e.g. a host-side acknowledgement). */
  send(frame: Frame): Promise<void> {
    return this.queue.run(() => this.options.transport.write(this.options.framing.encode(frame)));
  }

  private async exchange(
    frame: Frame,
    judge: (reply: Frame) => ReplyVerdict,
    what: string,
    attempts: number,
  ): Promise<Frame> {
    const bytes = this.options.framing.encode(frame);
    let lastRefusal: Frame | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (!this.options.transport.isOpen)
        throw new DriverError(DriverErrorCode.Disconnected, `${this.options.transport.description} is not connected`);
      const reply = this.waiter.wait((f) => judge(f) !== "ignore", this.options.ackTimeoutMs ?? 200, what);
      // The reply may be rejected (close, unplug) while the write is still pending: mark it handled now.
      reply.catch(() => undefined);
      await this.options.transport.write(bytes);
      let answer: Frame;
      try {
        answer = await reply;
      } catch (error) {
        if (!isDriverError(error) || error.code !== DriverErrorCode.Timeout) throw error;
        this.log.debug({ what, attempt, attempts, bus: frame.address }, "no reply in time");
        continue;
      }
      if (judge(answer) === "ok") return answer;
      this.log.debug({ what, attempt, attempts, bus: frame.address }, "reply asks for a resend");
      lastRefusal = answer;
    }
    if (lastRefusal) {
      throw new DriverError(DriverErrorCode.NotAcknowledged, `${what} refused after ${attempts} attempts`, {
        reply: lastRefusal,
        command: frame.command,
        address: frame.address,
      });
    }
    throw new DriverError(DriverErrorCode.Timeout, `no ${what} after ${attempts} attempts`, {
      command: frame.command,
      address: frame.address,
    });
  }

  private onData(chunk: Buffer): void {
    this.dispatch(this.framer.push(chunk));
    clearTimeout(this.idleTimer);
    this.idleTimer =
      this.framer.buffered > 0
        ? setTimeout(() => this.dispatch(this.framer.flush()), this.options.idleFlushMs ?? 50)
        : undefined;
  }

  private dispatch(events: FrameParserEvent[]): void {
    for (const event of events) {
      if (event.kind === "discarded") {
        this.log.debug({ reason: event.reason, count: event.bytes.length }, "discarded bytes");
        this.emit("discarded", event);
      } else if (!this.waiter.offer(event.frame)) this.emit("frame", event.frame);
    }
  }

  private onClose(disconnected: boolean): void {
    clearTimeout(this.idleTimer);
    this.framer = this.options.framing.createFramer();
    this.waiter.rejectAll(
      new DriverError(DriverErrorCode.Disconnected, `${this.options.transport.description} disconnected`),
    );
    if (this.closing || !disconnected) {
      this.setHealth("disconnected", "closed", "closed");
      return;
    }
    this.setHealth("disconnected", "device unplugged or link lost", "unplugged");
    this.reconnector.arm();
  }

  private setHealth(state: DeviceHealth["state"], reason: string, code: string | undefined): void {
    if (this.current.state === state && this.current.code === code) return;
    this.current = { state, reason, ...(code === undefined ? {} : { code }), since: this.now() };
    this.log.debug({ state, reason, code }, "port health");
    this.emit("health", this.current);
  }
}
