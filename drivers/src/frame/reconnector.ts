/**
 * Reopens a transport after the device went away, with doubling backoff, until it succeeds or is cancelled.
 * Used by drivers (host side) and by virtual devices (device side) so both survive an unplug/replug of a PTY pair.
 */
import type { Transport } from "../core/transport.ts";

export interface ReconnectorOptions {
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Called after every successful reopen. */
  readonly onReopened?: () => void;
  /** Called after every failed attempt, with the error and the delay before the next one. */
  readonly onRetry?: (error: unknown, nextDelayMs: number) => void;
}

/** Arm after a disconnect; cancel on deliberate close. At most one attempt is pending at any time. */
export class Reconnector {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly options: ReconnectorOptions = {},
  ) {}

  /** Start retrying `open()` unless already retrying. */
  arm(): void {
    if (this.timer) return;
    this.schedule(this.options.initialDelayMs ?? 100);
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
      const next = Math.min(delay * 2, this.options.maxDelayMs ?? 2000);
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
