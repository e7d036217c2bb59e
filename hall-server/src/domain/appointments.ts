/**
 * Appointment check-in (预约办理). A booked slot [slotStart, slotEnd] is claimed by checking in at the kiosk:
 *
 *   too-early | on-time ........................ | late ................ | expired (released)
 *   ----------+---------------------------------+----------------------+------------------->
 *      slotStart − early    slotStart     slotEnd       slotEnd + late
 *
 * On time → an appointment-priority ticket; late → a normal ticket (the citizen still gets served, without
 * the privilege); expired → refused, because the slot was released for others. Both ends of the on-time and
 * late spans are inclusive.
 */
import type { PriorityClass } from "@onewindow/contract";

/** Outcome of an appointment check-in attempt. */
export type CheckInClass = "too-early" | "on-time" | "late" | "expired";

/** Inputs of `classifyCheckIn`; times are epoch ms, tolerances minutes ≥ 0. */
export interface CheckInInput {
  slotStartMs: number;
  slotEndMs: number;
  nowMs: number;
  /** How long before the slot starts a check-in counts as on time. */
  earlyMinutes: number;
  /** How long after the slot ends a check-in still gets a (normal) ticket. */
  lateMinutes: number;
}

function check(input: CheckInInput): void {
  const { slotStartMs, slotEndMs, nowMs, earlyMinutes, lateMinutes } = input;
  for (const [name, v] of Object.entries({ slotStartMs, slotEndMs, nowMs }))
    if (!Number.isFinite(v)) throw new RangeError(`${name} must be a finite epoch-ms number, got ${v}`);
  if (slotEndMs < slotStartMs) throw new RangeError("slotEndMs must not be before slotStartMs");
  for (const [name, v] of Object.entries({ earlyMinutes, lateMinutes }))
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
}

/**
 * Classify a check-in at `nowMs` against its slot (see the file comment for the spans). Throws RangeError on
 * non-finite times, a slot that ends before it starts, or negative tolerances.
 */
export function classifyCheckIn(input: CheckInInput): CheckInClass {
  check(input);
  const { slotStartMs, slotEndMs, nowMs, earlyMinutes, lateMinutes } = input;
  if (nowMs < slotStartMs - earlyMinutes * 60_000) return "too-early";
  if (nowMs <= slotEndMs) return "on-time";
  if (nowMs <= slotEndMs + lateMinutes * 60_000) return "late";
  return "expired";
}

/**
 * Whether an appointment nobody checked in for is released at `nowMs`: true once more than `lateMinutes` have
 * passed since its slot ended — exactly when `classifyCheckIn` would answer "expired". Non-finite inputs or a
 * negative tolerance throw RangeError.
 */
export function isUnclaimed(slotEndMs: number, nowMs: number, lateMinutes: number): boolean {
  if (!Number.isFinite(slotEndMs) || !Number.isFinite(nowMs))
    throw new RangeError("slotEndMs and nowMs must be finite epoch-ms numbers");
  if (!Number.isFinite(lateMinutes) || lateMinutes < 0)
    throw new RangeError(`lateMinutes must be a finite number ≥ 0, got ${lateMinutes}`);
  return nowMs > slotEndMs + lateMinutes * 60_000;
}

/**
 * The priority class of the ticket a check-in produces: "appointment" on time, "normal" when late, and null
 * when no ticket may be issued (too early: come back later; expired: the slot was released).
 */
export function checkInPriority(result: CheckInClass): PriorityClass | null {
  switch (result) {
    case "on-time":
      return "appointment";
    case "late":
      return "normal";
    case "too-early":
    case "expired":
      return null;
  }
}
