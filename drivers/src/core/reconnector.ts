/**
 * The one reconnect loop: reopens a transport after the device went away (or after a first open that failed), with
 * doubling backoff, until it succeeds or is cancelled. Drivers (host side) and virtual devices (device side) both use
 * it, so both survive an unplug/replug of a PTY pair or a memory pair.
 *
 *   "close" {disconnected} / failed first open --arm()--> wait d --> transport.open() --ok--> onReopened()
 *                                                                  \--fail--> onRetry(), d = min(2d, max) --^
 */
import type { Transport } from "./transport.ts";

/** Backoff of a reconnect loop, in ms. */
export interface ReconnectPolicy {
  /** First delay after the loss (default 100). */
  readonly initialMs?: number;
  /** Cap of the doubling delay (default 2000). */
  readonly maxMs?: number;
}

/**
 * The `reconnect` option every driver takes: a backoff, or `false` for no reconnecting at all (neither after an
 * unplug nor after a failed first open). Default: reconnect with `{ initialMs: 100, maxMs: 2000 }`.
 */
export type ReconnectOption = ReconnectPolicy | false;

export interface ReconnectorOptions extends ReconnectPolicy {
  /** Called after every successful reopen (not after a reopen that raced with `cancel()`). */
  readonly onReopened?: () => void;
  /** Called after every failed attempt, with the error and the delay before the next one. */
  readonly onRetry?: (error: unknown, nextDelayMs: number) => void;
}

/** Arm after a disconnect or a failed open; cancel on deliberate close. At most one attempt is pending at a time. */
export class Reconnector {
  private timer: NodeJS.Timeout | undefined;
  private readonly enabled: boolean;
  private readonly options: ReconnectorOptions;

  /** `policy` false makes `arm()` do nothing; callbacks come from `options`. */
  constructor(
    private readonly transport: Transport,
    policy: ReconnectOption | ReconnectorOptions = {},
    callbacks: Pick<ReconnectorOptions, "onReopened" | "onRetry"> = {},
  ) {
    this.enabled = policy !== false;
    this.options = { ...(policy === false ? {} : policy), ...callbacks };
  }

  /** Start retrying `open()` unless already retrying (or reconnecting is off). */
  arm(): void {
    if (this.timer || !this.enabled) return;
    this.schedule(this.options.initialMs ?? 100);
  }

  /** Stop retrying. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  get retrying(): boolean {
    return this.timer !== undefined;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => void this.attempt(delay), delay);
  }

  private async attempt(delay: number): Promise<void> {
    try {
      await this.transport.open();
    } catch (error) {
      if (!this.timer) return;
      const next = Math.min(delay * 2, this.options.maxMs ?? 2000);
      this.options.onRetry?.(error, next);
      this.schedule(next);
      return;
    }
    // cancel() during the open means the owner is shutting down: give the port back.
    if (!this.timer) {
      await this.transport.close();
      return;
    }
    this.timer = undefined;
    this.options.onReopened?.();
  }
}
