/** Shared enumerations of the hall domain. Values are stable wire strings. */
import { z } from "zod";

/** How a ticket entered the hall. */
export const Channel = z.enum(["kiosk", "appointment", "staff", "remote"]);
export type Channel = z.infer<typeof Channel>;

/**
 * Priority classes, highest first: appointment (due now), green channel / key enterprise (绿色通道/重点企业直通车),
 * elderly-disabled-military (老弱病残军), normal.
 */
export const PriorityClass = z.enum(["appointment", "green", "elderly", "normal"]);
export type PriorityClass = z.infer<typeof PriorityClass>;

/**
 * State of a ticket's active service request. `expired`: still waiting when its service day ended (local midnight
 * in the hall's zone); numbering restarted, so it is never called. `reserved`: a kiosk holds the number while its
 * ticket prints (not callable, not counted as waiting or ahead, on no screen); it waits once the print is confirmed.
 * `voided`: a reservation whose ticket never printed, kept as a recorded gap in the day's numbers with its reason.
 */
export const TicketState = z.enum([
  "reserved",
  "voided",
  "waiting",
  "called",
  "serving",
  "done",
  "no_show",
  "transferred",
  "cancelled",
  "on_hold",
  "expired",
]);
export type TicketState = z.infer<typeof TicketState>;

/** 即办件 (handled on the spot) or 承诺件 (promised within N working days). */
export const ItemKind = z.enum(["immediate", "committed"]);
export type ItemKind = z.infer<typeof ItemKind>;

export const Role = z.enum(["staff", "supervisor", "admin"]);
export type Role = z.infer<typeof Role>;

/** gateway = the online hall (网上办事大厅) or another system booking appointments through the API. */
/**
 * Why a ticket was called: the call-policy rule that chose it, "chosen" for a ticket the staff member picked out of
 * order (audited), "recall" for a re-announcement. Stored with every call event, so each call can be explained.
 */
export const CallReason = z.enum(["targeted", "starvation", "appointment", "priority", "normal", "chosen", "recall"]);
export type CallReason = z.infer<typeof CallReason>;

export const DeviceKind = z.enum(["kiosk", "counter", "screen", "gateway"]);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** Health of a station's device as reported by its station agent. */
export const DeviceHealthState = z.enum(["connected", "disconnected", "degraded"]);
export type DeviceHealthState = z.infer<typeof DeviceHealthState>;

/**
 * Why a reservation was voided: the station's printer failed mid-print, was not ready, the station agent restarted
 * before confirming, nobody confirmed within `issue.reservationTimeoutSeconds`, or a supervisor voided it.
 */
export const VoidReason = z.enum([
  "print_failed",
  "printer_not_ready",
  "agent_restarted",
  "unconfirmed_timeout",
  "supervisor",
]);
export type VoidReason = z.infer<typeof VoidReason>;

/** What the hall-server may ask a station agent to do (durable device commands, delivered over /ws). */
export const DeviceCommandKind = z.enum(["reprint"]);
export type DeviceCommandKind = z.infer<typeof DeviceCommandKind>;

/**
 * A follow-up case (整改) of a bad review: open, then verify -> rectify -> reply to the citizen -> review -> closed, or
 * appealed (申诉复核) for a mistaken or malicious review. Ratings open it; supervision carries it on.
 */
export const ReviewCaseState = z.enum(["open", "verifying", "rectifying", "replied", "reviewed", "closed", "appealed"]);
export type ReviewCaseState = z.infer<typeof ReviewCaseState>;
