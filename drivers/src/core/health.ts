import type { DeviceHealthState } from "@onewindow/contract";

export type { DeviceHealthState };

/** What every driver reports about its device, for the station agent to forward to the hall-server. */
export interface DeviceHealth {
  /** The contract's health name (`DeviceHealthState` of @onewindow/contract). */
  readonly state: DeviceHealthState;
  /** Plain reason for a person, e.g. "paper near end"; empty when connected and fine. */
  readonly reason: string;
  /** Machine-readable cause, e.g. "paper-near-end", "timeout", "unplugged", "open-failed". */
  readonly code?: string;
  /** Epoch milliseconds of the change. */
  readonly since: number;
}

export const healthy = (now: number): DeviceHealth => ({ state: "connected", reason: "", since: now });

/** The health of a driver that was never opened, or was closed. */
export const notOpened = (now: number): DeviceHealth => ({
  state: "disconnected",
  reason: "not opened",
  code: "closed",
  since: now,
});
