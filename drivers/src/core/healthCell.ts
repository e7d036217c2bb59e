/**
 * Holds one driver's health: a change (of state or code) is logged (core/logger.ts `logHealth`) and handed to
 * `emit`; a repeat is not. Drivers use it so "health" events fire on change only, the same way everywhere.
 */
import type { Logger } from "pino";
import { notOpened, type DeviceHealth, type DeviceHealthState } from "./health.ts";
import { logHealth } from "./logger.ts";

export class HealthCell {
  private current_: DeviceHealth;

  constructor(
    private readonly log: Logger,
    private readonly emit: (health: DeviceHealth) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.current_ = notOpened(now());
  }

  get current(): DeviceHealth {
    return this.current_;
  }

  /** Set the health; returns true when it changed (and was logged and emitted). */
  set(state: DeviceHealthState, reason: string, code?: string): boolean {
    const was = this.current_;
    if (was.state === state && was.code === code) return false;
    this.current_ = {
      state,
      reason: state === "connected" && code === undefined ? "" : reason,
      ...(code === undefined ? {} : { code }),
      since: this.now(),
    };
    logHealth(this.log, this.current_);
    this.emit(this.current_);
    return true;
  }
}
