/**
 * The virtual ID-card reader: the device side of the SAM protocol on the device end of a PTY pair.
 *
 *   SerialTransport(devicePath) --data--> IdCardParser --frame--> decodeRequest --> virtualRespond --> reply
 *                               <--write-- [garbage] + reply frame, maybe delayed, maybe split into chunks
 *
 * Fault knobs (`setFault`, core/faults.ts): "slow", "split", "corrupt" replies, "garbage" before the preamble,
 * "silent", "sam-fault", "unplugged" (with a cable); and `injectBytes` (e.g. a header with a corrupted Len). Unplug
 * is `pair.unplug()`, after which the reader reopens its end as soon as the link reappears. On a PTY a watchdog
 * compares the device link with the one it opened, because the device end of a killed socat does not always see a
 * "close" (measured here: about one run in three kept waiting on a dead PTY after a quick unplug/replug); a device
 * end Transport (memory pair) reports the unplug and is reopened by the shared Reconnector.
 */
import { EventEmitter } from "node:events";
import { lstat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { CommandQueue } from "../core/commandQueue.ts";
import { deviceEnd, type DeviceEndOptions } from "../core/deviceEnd.ts";
import {
  defaultGarbage,
  defaultSlowMs,
  FaultBoard,
  type FaultDetail,
  type FaultKnob,
  type FaultSwitchable,
} from "../core/faults.ts";
import { Reconnector } from "../core/reconnector.ts";
import type { Transport } from "../core/transport.ts";
import { Sw3, decodeRequest, encodeReply, type IdCardRequest } from "./codec.ts";
import { IdCardParser } from "./parser.ts";
import type { VirtualCard } from "./sampleCards.ts";
import {
  DEFAULT_SAM_ID,
  virtualRespond,
  type VirtualPhase,
  type VirtualReaderState,
  type VirtualReply,
} from "./virtualBehaviour.ts";

/** Options of the virtual reader: its device end (a PTY `path` or a `transport`), and initial knob settings. */
export type VirtualIdCardReaderOptions = DeviceEndOptions & VirtualIdCardReaderSettings;

/** Initial settings of the virtual reader; every knob can also be changed while it runs (`setFault`). */
export interface VirtualIdCardReaderSettings {
  readonly baudRate?: number;
  /** Delay before every reply, in ms (0). */
  readonly replyDelayMs?: number;
  /** Write each reply in this many chunks, a few ms apart (1 = whole). */
  readonly splitReplies?: number;
  /** Bytes written before each reply's preamble (none). */
  readonly garbageBeforeReply?: Uint8Array;
  /** false = find keeps answering 9F after a read (a reader without the protection design). Default true. */
  readonly protectionDesign?: boolean;
  readonly samId?: Uint8Array;
  /** How often to retry opening after an unplug, in ms (50). */
  readonly reopenIntervalMs?: number;
}

/** Events: every decoded request, and every reply written. */
export interface VirtualIdCardReaderEvents {
  request: [IdCardRequest];
  reply: [VirtualReply];
}

/** A simulated RS-232/USB-CDC ID-card reader. `start()` opens the PTY end, `stop()` closes it. */
export class VirtualIdCardReader extends EventEmitter<VirtualIdCardReaderEvents> implements FaultSwitchable {
  private readonly transport: Transport;
  private readonly board: FaultBoard;
  /** Reopens a device end Transport after an unplug (a PTY path uses the watchdog instead). */
  private readonly reconnector: Reconnector | undefined;
  private readonly parser = new IdCardParser();
  private state: VirtualReaderState = { phase: "NO_CARD", found: false };
  private card: VirtualCard | undefined;
  private running = false;
  private readonly replies = new CommandQueue();
  private replyDelayMs: number;
  private splitReplies: number;
  private garbage: Uint8Array;
  private silent = false;
  private samFault: number | undefined;
  private corruptReplies = 0;
  private readonly protectionDesign: boolean;
  private readonly samId: Uint8Array;
  private readonly reopenIntervalMs: number;
  private readonly path: string | undefined;
  private linkIdentity: string | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(options: VirtualIdCardReaderOptions) {
    super();
    this.transport = deviceEnd(options, options.baudRate ?? 115200);
    this.replyDelayMs = options.replyDelayMs ?? 0;
    this.splitReplies = Math.max(1, options.splitReplies ?? 1);
    this.garbage = options.garbageBeforeReply ?? new Uint8Array(0);
    this.protectionDesign = options.protectionDesign ?? true;
    this.samId = options.samId ?? DEFAULT_SAM_ID;
    this.reopenIntervalMs = options.reopenIntervalMs ?? 50;
    this.path = options.transport ? undefined : options.path;
    this.reconnector = options.transport
      ? new Reconnector(options.transport, { initialMs: this.reopenIntervalMs, maxMs: 200 })
      : undefined;
    this.board = new FaultBoard("virtual ID-card reader", {
      slow: (on, { delayMs }) => void (this.replyDelayMs = on ? (delayMs ?? defaultSlowMs) : 0),
      split: (on, { chunks }) => void (this.splitReplies = on ? Math.max(2, Math.floor(chunks ?? 8)) : 1),
      garbage: (on, { bytes }) =>
        void (this.garbage = on ? Uint8Array.from(bytes ?? defaultGarbage) : new Uint8Array(0)),
      silent: (on) => void (this.silent = on),
      corrupt: (on, { count }) => void (this.corruptReplies = on ? (count ?? 1) : 0),
      "sam-fault": (on, { status }) => void (this.samFault = on ? (status ?? Sw3.SamSelfTestFailed) : undefined),
    });
    this.board.useCable(options.cable);
    this.transport.on("data", this.onData);
    this.transport.on("close", this.onClose);
    // A PTY peer vanishing surfaces as an error too; the link watchdog does the recovery.
    this.transport.on("error", () => undefined);
  }

  /** The card phase of §1.9. */
  get phase(): VirtualPhase {
    return this.state.phase;
  }

  /** Open the device end. Rejects with DriverError(OpenFailed) when the PTY does not exist. */
  async start(): Promise<void> {
    this.running = true;
    try {
      this.linkIdentity = await this.readLinkIdentity();
      await this.transport.open();
    } catch (error) {
      this.running = false;
      throw error;
    }
    if (this.path !== undefined) this.watchdog = setInterval(() => void this.checkLink(), this.reopenIntervalMs);
  }

  get faultKnobs(): readonly FaultKnob[] {
    return this.board.faultKnobs;
  }

  setFault(knob: FaultKnob, on: boolean, detail?: FaultDetail): Promise<void> {
    return this.board.setFault(knob, on, detail);
  }

  /** Stop answering, wait for replies in flight, and close the device end. */
  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.watchdog);
    this.reconnector?.cancel();
    await this.replies.idle();
    await this.transport.close();
  }

  /** Put a card (of any type, valid or not) on the reader; it is found by the next find. */
  placeCard(card: VirtualCard): void {
    this.card = card;
    this.state = { phase: "CARD_PRESENT", found: false };
  }

  /** Lift the card off the reader. */
  removeCard(): void {
    this.card = undefined;
    this.state = { phase: "NO_CARD", found: false };
  }

  private readonly onData = (chunk: Buffer): void => {
    for (const event of this.parser.push(chunk)) {
      if (event.kind === "frame") {
        const request = this.decode(event.frame);
        if (!request) continue;
        this.emit("request", request);
        if (this.samFault !== undefined) {
          this.enqueueReply({ sw3: this.samFault });
          continue;
        }
        const result = virtualRespond(this.state, this.card, request, {
          samId: this.samId,
          protectionDesign: this.protectionDesign,
        });
        this.state = result.state;
        this.enqueueReply(result.reply);
      } else if (event.reason === "bad-checksum") {
        this.enqueueReply({ sw3: Sw3.ChecksumError });
      } else if (event.reason !== "garbage") {
        this.enqueueReply({ sw3: Sw3.LengthError });
      }
    }
  };

  private decode(frame: Uint8Array): IdCardRequest | undefined {
    try {
      return decodeRequest(frame);
    } catch {
      // The parser only passes checked frames; anything else is still answered as a length error, not a crash.
      this.enqueueReply({ sw3: Sw3.LengthError });
      return undefined;
    }
  }

  private readonly onClose = ({ disconnected }: { disconnected: boolean }): void => {
    this.parser.reset();
    if (disconnected && this.running) this.reconnector?.arm();
  };

  /** Identity of the device link itself (socat makes a new one per run), or undefined while it is missing. */
  private async readLinkIdentity(): Promise<string | undefined> {
    if (this.path === undefined) return undefined;
    try {
      const stats = await lstat(this.path);
      return `${stats.ino}:${stats.ctimeMs}`;
    } catch {
      return undefined;
    }
  }

  /** Reopen after an unplug: when the link is back, and also when it was re-created under an end that looks open. */
  private async checkLink(): Promise<void> {
    if (this.checking || !this.running) return;
    this.checking = true;
    try {
      const identity = await this.readLinkIdentity();
      if (identity === undefined) return;
      if (identity !== this.linkIdentity) {
        this.linkIdentity = identity;
        await this.transport.close().catch(() => undefined);
      }
      if (this.running && !this.transport.isOpen) await this.transport.open().catch(() => undefined);
      // stop() may have run while the open was in flight: do not leave the end open behind it.
      if (!this.running) await this.transport.close();
    } finally {
      this.checking = false;
    }
  }

  /**
   * Write `bytes` to the host as they are, after any reply in flight, e.g. a header whose Len was corrupted on the
   * line (`AA AA AA 96 69 05 08 00`). Ignored while silent or stopped.
   */
  injectBytes(bytes: Uint8Array): void {
    if (this.silent) return;
    const copy = Uint8Array.from(bytes);
    void this.replies
      .run(async () => {
        if (this.running && this.transport.isOpen) await this.transport.write(copy);
      })
      .catch(() => undefined);
  }

  private enqueueReply(reply: VirtualReply): void {
    if (this.silent) return;
    // Replies go out in request order, even when one of them is slow.
    void this.replies.run(() => this.writeReply(reply)).catch(() => undefined);
  }

  private async writeReply(reply: VirtualReply): Promise<void> {
    if (this.replyDelayMs > 0) await sleep(this.replyDelayMs);
    if (!this.running || !this.transport.isOpen) return;
    const frame = encodeReply(reply);
    if (this.corruptReplies > 0) {
      this.corruptReplies--;
      frame[frame.length - 1] = (frame[frame.length - 1] ?? 0) ^ 0xff;
    }
    const bytes = new Uint8Array(this.garbage.length + frame.length);
    bytes.set(this.garbage, 0);
    bytes.set(frame, this.garbage.length);
    const size = Math.ceil(bytes.length / this.splitReplies);
    for (let at = 0; at < bytes.length; at += size) {
      await this.transport.write(bytes.subarray(at, at + size));
      // A short pause so the PTY delivers the pieces as separate reads rather than one.
      if (at + size < bytes.length) await sleep(2);
    }
    this.emit("reply", reply);
  }
}
