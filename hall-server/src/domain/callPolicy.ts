/**
 * # The call policy: which waiting ticket a window calls next
 *
 * `selectNext` is the single decision behind "call next" (keypad, staff console, API alike). It is pure: the
 * caller passes the waiting index, who is calling from where, and the configuration, and gets back the ticket
 * to call and the rule that chose it (store the rule with the call event, so every decision can be explained).
 *
 * A staff member at a window may take a ticket when either
 * - it was transferred (targeted) to them, to their window, or to them at that window, or
 * - it is untargeted and its item is in `ctx.eligibleItems` (staff skills ∩ the window's allowed items).
 * A ticket targeted at ANOTHER staff member or window is never taken, whatever its wait.
 *
 * Rules, first match wins:
 * 1. **targeted** — a ticket targeted at this staff member/window, longest-waiting first. Such a ticket skips the
 *    skill check: a person chose this recipient, and a transfer continues a service already begun.
 * 2. **starvation** — an untargeted green/elderly/normal ticket that has waited longer than
 *    `starvationMinutes` (0 disables the rule), oldest arrival first. Appointment tickets are not subject to
 *    it: a due appointment already goes ahead of every class, and one not yet due waits for its slot by design.
 *    This is an ORDERING rule, not a bound on waits: when a window that may serve it calls, an overdue ticket goes
 *    before due appointments, newer priority tickets, the priority:normal ratio and skill weights. It adds no
 *    capacity, and it acts only when a qualified window calls, so it bounds nothing: under overload every waiting
 *    ticket passes the 60 minutes, the rule then calls them oldest-first, and waits grow as long as the overload
 *    lasts (an independent simulation saw normal tickets wait up to 115 minutes at 95% load; see
 *    simulation/orderingRule.sim.test.ts). "Waited" counts from the ticket's arrival (`arrivedAt`, kept through
 *    transfers). The name stays for the configuration key and the call reason stored with every call.
 * 3. **appointment** — an appointment ticket whose slot is due (`appointmentAt - appointmentEarlyMinutes ≤ now`;
 *    one without a slot is due at once), earliest slot first.
 * 4. **priority** — green channel / key enterprise, then elderly-disabled-military, each by arrival — unless
 *    this window's `priorityStreak` (priority calls since its last normal call) has reached
 *    `priorityPerNormal` while an eligible normal ticket waits; then rule 5 goes first.
 * 5. **normal** — normal tickets by score = minutes waited + skill weight × `skillWeightMinutes`: a staff
 *    member's stronger skills pull their tickets forward by that many minutes per weight point. Ties go to the
 *    longest wait (earliest arrival), then the smaller id.
 * 6. **appointment** (fallback) — when nothing else is eligible, an appointment ticket whose slot is not yet due
 *    (earliest slot first), rather than leaving the window idle while its citizen sits in the hall.
 *
 * `priorityPerNormal` semantics: the number of priority-class (green/elderly) calls a window may make in a row
 * while an eligible normal ticket waits. 0 = priority classes never go ahead of a waiting normal ticket (they are
 * called only when no normal waits, or by the starvation rule); 1 = strict alternation (one priority, one
 * normal); 3 = three priority calls, then one normal; Infinity (or any number larger than the queue) = absolute
 * priority. The returned `priorityStreak` is what the window stores for its next call: +1 after a green/elderly
 * call, 0 after a normal call, unchanged after an appointment or targeted call.
 *
 * Cost: only the per-item class heads are read (≤ eligible items × 4, plus 3 targeted lists), never the whole
 * queue, so a decision over 10,000 waiting tickets and 100 items takes microseconds.
 */
import type { CallReason, PriorityClass } from "@onewindow/contract";
import { compareArrival, compareSlot, slotTime, type WaitingQueues, type WaitingTicket } from "./waitingQueues.ts";

/**
 * What `selectNext` reads of the waiting tickets: the head of each item's class list and the targeted heads. The
 * live `WaitingQueues` is one; the forecast's simulated queues (forecast/simQueues.ts) are another, so the forecast
 * runs the very same policy.
 */
export type CallQueues = Pick<WaitingQueues, "head" | "targetedHead">;

/** Tunables of the call policy (see the file comment for how each one acts). */
export interface CallPolicyConfig {
  /**
   * How many priority-class (green/elderly) calls in a row a window may make while eligible normal tickets
   * wait: integer ≥ 0 or Infinity. 0 = priority never jumps a waiting normal; 1 = strict alternation.
   */
  priorityPerNormal: number;
  /**
   * A green/elderly/normal ticket waiting longer than this (minutes) is called first, oldest first; 0 disables. An
   * ordering rule: it does not bound how long anyone waits (see the file comment, rule 2).
   */
  starvationMinutes: number;
  /** An appointment ticket becomes due this many minutes before its slot starts. ≥ 0. */
  appointmentEarlyMinutes: number;
  /** Minutes of waiting one skill-weight point is worth when ranking normal tickets. ≥ 0 (0 = ignore skills). */
  skillWeightMinutes: number;
}

/**
 * Defaults: 3 priority calls per normal, the 60-minute starvation rule (it orders calls, it bounds no wait), slot due
 * 5 min early, 2 min per skill point.
 */
export const defaultCallPolicy: Readonly<CallPolicyConfig> = Object.freeze({
  priorityPerNormal: 3,
  starvationMinutes: 60,
  appointmentEarlyMinutes: 5,
  skillWeightMinutes: 2,
});

/** Who calls, from where, and when. */
export interface CallContext {
  nowMs: number;
  windowId: number;
  staffId: number;
  /** itemId -> skill weight 1..10, already = staff skills ∩ window's allowed items. */
  eligibleItems: ReadonlyMap<number, number>;
  /** Priority-class calls this window made since its last normal call. */
  priorityStreak: number;
}

/** The rule that chose a ticket, in the order rules are tried (a subset of the contract's CallReason). */
export type CallRule = Exclude<CallReason, "chosen" | "recall">;

/** The decision of `selectNext`. */
export interface CallDecision {
  ticketId: number;
  rule: CallRule;
  /** The window's streak after this call: store it and pass it in next time. */
  priorityStreak: number;
  /** The chosen ticket's item and class (for the call event and the display). */
  itemId: number;
  priority: PriorityClass;
}

/**
 * Problems with a configuration, as readable messages; empty when it is valid. Validate at boot and when the
 * configuration changes; `selectNext` throws RangeError on an invalid one.
 */
export function validateCallPolicyConfig(config: CallPolicyConfig): string[] {
  const problems: string[] = [];
  const p = config.priorityPerNormal;
  if (!(p === Number.POSITIVE_INFINITY || (Number.isInteger(p) && p >= 0)))
    problems.push(`priorityPerNormal must be an integer ≥ 0 or Infinity, got ${p}`);
  for (const key of ["starvationMinutes", "appointmentEarlyMinutes", "skillWeightMinutes"] as const) {
    const v = config[key];
    if (!Number.isFinite(v) || v < 0) problems.push(`${key} must be a finite number ≥ 0, got ${v}`);
  }
  return problems;
}

function validateContext(ctx: CallContext): void {
  if (!Number.isFinite(ctx.nowMs)) throw new RangeError(`nowMs must be a finite epoch-ms number, got ${ctx.nowMs}`);
  if (!Number.isInteger(ctx.priorityStreak) || ctx.priorityStreak < 0)
    throw new RangeError(`priorityStreak must be an integer ≥ 0, got ${ctx.priorityStreak}`);
}

type Ticket = Readonly<WaitingTicket>;

const nextStreak = (streak: number, cls: PriorityClass): number =>
  cls === "normal" ? 0 : cls === "appointment" ? streak : streak + 1;

const decide = (t: Ticket, rule: CallRule, priorityStreak: number): CallDecision => ({
  ticketId: t.id,
  rule,
  priorityStreak,
  itemId: t.itemId,
  priority: t.priority,
});

/**
 * Choose the ticket this staff member at this window calls next, or null when no ticket they may take is
 * waiting. See the file comment for the rules. Never returns a ticket targeted at another staff member or
 * window, nor an untargeted ticket of an item outside `ctx.eligibleItems`. Does not change `queues`: the caller
 * removes the ticket when it commits the call. Throws RangeError on an invalid config, context or skill weight.
 */
export function selectNext(queues: CallQueues, ctx: CallContext, config: CallPolicyConfig): CallDecision | null {
  const problems = validateCallPolicyConfig(config);
  if (problems.length > 0) throw new RangeError(`invalid call policy: ${problems.join("; ")}`);
  validateContext(ctx);
  const now = ctx.nowMs;

  // 1. Transferred to me, my window, or me at my window.
  const targeted = queues.targetedHead(ctx.staffId, ctx.windowId);
  if (targeted) return decide(targeted, "targeted", ctx.priorityStreak);

  // One pass over the heads gathers every candidate the later rules need.
  const starveBefore = config.starvationMinutes > 0 ? now - config.starvationMinutes * 60_000 : null;
  const dueBy = now + config.appointmentEarlyMinutes * 60_000;
  const skillMs = config.skillWeightMinutes * 60_000;
  let starved: Ticket | undefined;
  let dueAppointment: Ticket | undefined;
  let futureAppointment: Ticket | undefined;
  let green: Ticket | undefined;
  let elderly: Ticket | undefined;
  let normal: Ticket | undefined;
  let normalScore = 0;

  for (const [itemId, weight] of ctx.eligibleItems) {
    if (!Number.isFinite(weight)) throw new RangeError(`skill weight of item ${itemId} must be finite, got ${weight}`);
    const appointment = queues.head(itemId, "appointment");
    if (appointment) {
      if (slotTime(appointment) <= dueBy) {
        if (!dueAppointment || compareSlot(appointment, dueAppointment) < 0) dueAppointment = appointment;
      } else if (!futureAppointment || compareSlot(appointment, futureAppointment) < 0) {
        futureAppointment = appointment;
      }
    }
    const g = queues.head(itemId, "green");
    if (g && (!green || compareArrival(g, green) < 0)) green = g;
    const e = queues.head(itemId, "elderly");
    if (e && (!elderly || compareArrival(e, elderly) < 0)) elderly = e;
    const n = queues.head(itemId, "normal");
    if (n) {
      const score = now - n.arrivedAt + weight * skillMs;
      if (!normal || score > normalScore || (score === normalScore && compareArrival(n, normal) < 0)) {
        normal = n;
        normalScore = score;
      }
    }
    if (starveBefore !== null)
      for (const head of [g, e, n])
        if (head && head.arrivedAt < starveBefore && (!starved || compareArrival(head, starved) < 0)) starved = head;
  }

  // 2. Starvation rule: overdue tickets first, oldest first (an ordering rule; it bounds no wait).
  if (starved) return decide(starved, "starvation", nextStreak(ctx.priorityStreak, starved.priority));
  // 3. Appointments whose slot is due.
  if (dueAppointment) return decide(dueAppointment, "appointment", ctx.priorityStreak);
  // 4. Priority classes, within the normal:priority ratio.
  const priority = green ?? elderly;
  const ratioReached = ctx.priorityStreak >= config.priorityPerNormal && normal !== undefined;
  if (priority && !ratioReached) return decide(priority, "priority", ctx.priorityStreak + 1);
  // 5. Normal tickets by wait plus skill weight.
  if (normal) return decide(normal, "normal", 0);
  // 6. Nothing else waits: serve an early appointment rather than idle.
  if (futureAppointment) return decide(futureAppointment, "appointment", ctx.priorityStreak);
  return null;
}
