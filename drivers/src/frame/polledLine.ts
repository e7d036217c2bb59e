/**
 * The host end of one polled RS-485 line (devices.md §5.2): the base of the LED strip and caller keypad drivers.
 * The host is the only master, so a device that died says nothing until asked: every poll round each polled address
 * gets one request through the line's one FrameLink queue. Health is kept per address (`addressHealth`) and
 * summarised for the line (`health`, frame/lineHealth.ts); `open()`/`close()` follow core/deviceDriver.ts.
 *
 *   subclass commands --\
 *   poll round ----------+--> exchange(address) --> FrameLink queue --> reply / error --> LineHealth --> events
 *   FrameLink "frame" (unclaimed) --> heard(address) --> onUnclaimedFrame (subclass)
 *
 * Subclasses say what a poll is (`pollAddress`) and what an unclaimed frame means (`onUnclaimedFrame`).
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { DeviceHealth, DeviceHealthState } from "../core/health.ts";
import { driverLogger, logHealth } from "../core/logger.ts";
import type { ReconnectOption } from "../core/reconnector.ts";
import type { Transport } from "../core/transport.ts";
import type { Frame } from "./codec.ts";
import type { Framing } from "./framing.ts";
import { LineHealth, type AddressHealth, type AddressHealthChange } from "./lineHealth.ts";
import { FrameLink, type ReplyVerdict } from "./link.ts";

/** Link settings every polled line takes. */
export interface PolledLineLinkOptions {
  readonly transport: Transport;
  /** Per-attempt reply timeout; default 200 ms (devices.md §5.2). */
  readonly ackTimeoutMs?: number;
  /** Resends after the first attempt; default 3. */
  readonly retries?: number;
  /** Reopen after an unplug or a failed first open (core/deviceDriver.ts); default on. */
  readonly reconnect?: ReconnectOption;
  /** Where the driver and its link log (the driver's module and "frame-link"); silent when absent. */
  readonly logger?: Logger;
}

/** What a subclass fixes about its line. */
export interface PolledLineSetup {
  readonly framing: Framing;
  /** Log module, e.g. "led-strip". */
  readonly module: string;
  /** Noun for health reasons, e.g. "LED strip". */
  readonly device: string;
  /** Addresses known from the start (polled ones, or the one fixed address). */
  readonly addresses: readonly number[];
  /** Addresses polled each round, in order (may be empty: no polling). */
  readonly polled: readonly number[];
  /** Pause between poll rounds, ms; 0 turns polling off. */
  readonly pollIntervalMs: number;
  /** Line state when every address is silent; default "disconnected". */
  readonly noneAnswering?: DeviceHealthState;
}

/** Events every polled line emits. */
export interface PolledLineEvents {
  /** The line summary changed. */
  health: [DeviceHealth];
  /** One device started or stopped answering. */
  addressHealth: [AddressHealthChange];
}

/** Pause between rounds while the port is gone: the link reconnects underneath. */
const UNPLUGGED_ROUND_MS = 200;

/** The host end of one polled line (a DeviceDriver once E is fixed); see the module comment. */
export abstract class PolledLine<
  E extends PolledLineEvents & Record<keyof E, unknown[]> = PolledLineEvents,
> extends EventEmitter<E> {
  protected readonly link: FrameLink;
  protected readonly log: Logger;
  private readonly lineHealth: LineHealth;
  private pollTimer: NodeJS.Timeout | undefined;
  private running = false;

  protected constructor(
    options: PolledLineLinkOptions,
    private readonly setup: PolledLineSetup,
  ) {
    super();
    this.log = driverLogger(options.logger, { module: setup.module, device: options.transport.description });
    this.lineHealth = new LineHealth({
      addresses: setup.addresses,
      device: setup.device,
      ...(setup.noneAnswering ? { noneAnswering: setup.noneAnswering } : {}),
    });
    this.link = new FrameLink({ ...options, framing: setup.framing });
    this.link.on("health", (health) => this.track(this.lineHealth.onPort(health)));
    this.link.on("frame", (frame) => {
      const from = this.frameSource(frame);
      if (from !== undefined) this.track([this.lineHealth.onHeard(from)]);
      this.onUnclaimedFrame(frame);
    });
  }

  /** Health of the line: connected when every device answers, degraded naming silent ones, else disconnected. */
  get health(): DeviceHealth {
    return this.lineHealth.summary;
  }

  /** Health of each address (configured ones first, then any address a command went to). */
  get addressHealth(): ReadonlyMap<number, AddressHealth> {
    return this.lineHealth.addresses;
  }

  /** Open the line and start polling; a failed open rejects OpenFailed and the link keeps retrying. */
  async open(): Promise<void> {
    this.running = true;
    clearTimeout(this.pollTimer);
    try {
      await this.link.open();
    } finally {
      // Also after a failed open: rounds then wait at the unplugged pace until the link reconnects.
      if (this.running && this.setup.polled.length > 0 && this.setup.pollIntervalMs > 0) this.schedulePoll(0);
    }
  }

  async close(): Promise<void> {
    this.running = false;
    clearTimeout(this.pollTimer);
    await this.link.close();
  }

  /** One poll of `address` (with `retries` resends; 0 for an address already known silent). */
  protected abstract pollAddress(address: number, retries: number | undefined): Promise<void>;

  /** A frame no request claimed (a pushed key, a late reply). */
  protected abstract onUnclaimedFrame(frame: Frame): void;

  /** The address a frame came from (health bookkeeping); default its ADDR field, 0 (broadcast) excluded. */
  protected frameSource(frame: Frame): number | undefined {
    return frame.address === 0 ? undefined : frame.address;
  }

  /** One request to `address`; its outcome is booked against the address either way. */
  protected async exchange(
    address: number,
    frame: Frame,
    judge: (reply: Frame) => ReplyVerdict,
    what: string,
    retries?: number,
  ): Promise<Frame> {
    try {
      const reply = await this.link.request(frame, judge, what, retries === undefined ? {} : { retries });
      this.track([this.lineHealth.onExchange(address)]);
      return reply;
    } catch (error) {
      this.track([this.lineHealth.onExchange(address, error)]);
      throw error;
    }
  }

  private track(changes: readonly (AddressHealthChange | undefined)[]): void {
    for (const change of changes) {
      if (!change) continue;
      // Debug only: a device going silent also changes the line summary, which is logged at warn below.
      this.log.debug(
        { bus: change.address, state: change.health.state, reason: change.health.reason },
        `${this.setup.device} health`,
      );
      this.shared.emit("addressHealth", change);
    }
    const summary = this.lineHealth.refresh();
    if (!summary) return;
    logHealth(this.log, summary);
    this.shared.emit("health", summary);
  }

  /** This emitter typed with the shared events only (E extends them; TypeScript cannot see that through E). */
  private get shared(): EventEmitter<PolledLineEvents> {
    return this as unknown as EventEmitter<PolledLineEvents>;
  }

  private schedulePoll(delay: number): void {
    this.pollTimer = setTimeout(() => void this.pollRound(), delay);
  }

  private async pollRound(): Promise<void> {
    for (const address of this.setup.polled) {
      if (!this.running || this.link.health.state !== "connected") break;
      // A device already known dead gets one attempt per round, so it does not hold the bus for every retry.
      const retries = this.lineHealth.addresses.get(address)?.state === "silent" ? 0 : undefined;
      await this.pollAddress(address, retries).catch(() => undefined);
    }
    if (!this.running) return;
    const connected = this.link.health.state === "connected";
    this.schedulePoll(connected ? this.setup.pollIntervalMs : Math.max(UNPLUGGED_ROUND_MS, this.setup.pollIntervalMs));
  }
}
