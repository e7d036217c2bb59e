/**
 * Health of a multidrop line (devices.md §5.2, RS-485): the port's own health plus, per bus address, whether that
 * device answers. Pure bookkeeping, no timers or events: drivers feed in the port health and the outcome of every
 * addressed exchange, and emit the summary when a call returns true.
 *
 *   port health ---------------------\
 *   exchange outcome (address) -------+--> per-address map --> line summary (DeviceHealth)
 *   frame heard from (address) ------/
 *
 * Summary: the port's health while it is not connected; otherwise connected while no address is silent, degraded
 * naming the silent addresses, and `noneAnswering` (default disconnected) when every known address is silent.
 * An address turns silent only when an exchange ran out of attempts, and answering again on any frame from it, so a
 * dead address stays dead across poll rounds instead of flapping the line.
 */
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import { notOpened, type DeviceHealth, type DeviceHealthState } from "../core/health.ts";

/** What the host knows about one bus address. "unknown" until the first exchange after the port (re)opened. */
export type AddressState = "unknown" | "answering" | "silent";

/** Health of one bus address. */
export interface AddressHealth {
  readonly state: AddressState;
  /** Why it is silent, e.g. "no LED 2 reply after 4 attempts"; empty otherwise. */
  readonly reason: string;
  /** Epoch milliseconds of the change. */
  readonly since: number;
}

/** A per-address change, as drivers emit it. */
export interface AddressHealthChange {
  readonly address: number;
  readonly health: AddressHealth;
}

export interface LineHealthOptions {
  /** Addresses known from configuration; others are added when first used. */
  readonly addresses?: readonly number[];
  /** Noun for reasons, e.g. "LED strip" gives "no reply from LED strip 2". */
  readonly device: string;
  /** Line state when every known address is silent; default "disconnected". */
  readonly noneAnswering?: DeviceHealthState;
  readonly now?: () => number;
}

/** Per-address health and the line summary built from it. */
export class LineHealth {
  private readonly book = new Map<number, AddressHealth>();
  private port: DeviceHealth;
  private current: DeviceHealth;
  private readonly now: () => number;

  constructor(private readonly options: LineHealthOptions) {
    this.now = options.now ?? Date.now;
    this.port = notOpened(this.now());
    this.current = this.port;
    for (const address of options.addresses ?? []) this.book.set(address, this.unknown());
  }

  /** The line summary. */
  get summary(): DeviceHealth {
    return this.current;
  }

  /** Health per address, in configuration order. */
  get addresses(): ReadonlyMap<number, AddressHealth> {
    return this.book;
  }

  /**
   * The port's health changed. Returns the address changes it causes: a port that (re)opens makes every address
   * unknown again, since nothing is known about devices that may have been swapped or powered off meanwhile.
   */
  onPort(health: DeviceHealth): AddressHealthChange[] {
    const reopened = health.state === "connected" && this.port.state !== "connected";
    this.port = health;
    if (!reopened) return [];
    const changes: AddressHealthChange[] = [];
    for (const [address, old] of this.book)
      if (old.state !== "unknown") changes.push(this.set(address, this.unknown()));
    return changes;
  }

  /** A frame came from `address`: it answers. Returns the change, if any. */
  onHeard(address: number): AddressHealthChange | undefined {
    const old = this.book.get(address);
    if (old?.state === "answering") return undefined;
    return this.set(address, { state: "answering", reason: "", since: this.now() });
  }

  /**
   * An exchange with `address` ended: `error` undefined means it was answered. Timeout marks the address silent;
   * NotAcknowledged and DeviceStatus mean it answered (with a refusal); other errors (disconnect, cancel, bad input)
   * say nothing about the device.
   */
  onExchange(address: number, error?: unknown): AddressHealthChange | undefined {
    if (error === undefined) return this.onHeard(address);
    if (!isDriverError(error)) return undefined;
    if (error.code === DriverErrorCode.NotAcknowledged || error.code === DriverErrorCode.DeviceStatus)
      return this.onHeard(address);
    if (error.code !== DriverErrorCode.Timeout) return undefined;
    if (this.book.get(address)?.state === "silent") return undefined;
    return this.set(address, { state: "silent", reason: error.message, since: this.now() });
  }

  /** Recompute the summary; returns it when it changed (state, code or reason), else undefined. */
  refresh(): DeviceHealth | undefined {
    const next = this.summarise();
    const same =
      next.state === this.current.state && next.code === this.current.code && next.reason === this.current.reason;
    if (same) return undefined;
    this.current = { ...next, since: this.now() };
    return this.current;
  }

  private summarise(): Omit<DeviceHealth, "since"> {
    if (this.port.state !== "connected") return this.port;
    const silent = [...this.book].filter(([, h]) => h.state === "silent").map(([address]) => address);
    if (silent.length === 0) return { state: "connected", reason: "" };
    const device = this.options.device;
    if (silent.length === this.book.size)
      return {
        state: this.options.noneAnswering ?? "disconnected",
        reason: `no reply from any ${device} (${silent.join(", ")})`,
        code: "no-reply",
      };
    const which = silent.length === 1 ? `${device} ${silent.join("")}` : `${device}s ${silent.join(", ")}`;
    return { state: "degraded", reason: `no reply from ${which}`, code: "address-silent" };
  }

  private set(address: number, health: AddressHealth): AddressHealthChange {
    this.book.set(address, health);
    return { address, health };
  }

  private unknown(): AddressHealth {
    return { state: "unknown", reason: "", since: this.now() };
  }
}
