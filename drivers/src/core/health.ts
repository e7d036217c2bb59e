/** What every driver reports about its device, for the station agent to forward to the hall-server. */
export type DeviceHealthState = "connected" | "disconnected" | "degraded";

export interface DeviceHealth {
  readonly state: DeviceHealthState;
  /** Plain reason for a person, e.g. "paper near end"; empty when connected and fine. */
  readonly reason: string;
  /** Machine-readable cause, e.g. "paper-near-end", "timeout", "unplugged". */
  readonly code?: string;
  /** Epoch milliseconds of the change. */
  readonly since: number;
}

export const healthy = (now: number): DeviceHealth => ({ state: "connected", reason: "", since: now });
