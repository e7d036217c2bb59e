/**
 * Events the hall-server appends to its log and streams over WebSocket. Screens and voice need nothing else.
 * Runtime schemas (zod): the API tests parse every real event against `HallEvent` and every /ws message against
 * `ServerMessage`, and the OpenAPI document (GET /api/openapi.json) is generated from them. Objects are strict: an
 * answer with a field that is not declared here (a leaked hash, say) fails its test. Times are epoch milliseconds.
 */
import { z } from "zod";
import {
  CallReason,
  Channel,
  DeviceCommandKind,
  DeviceHealthState,
  DeviceKind,
  PriorityClass,
  ReviewCaseState,
  Role,
  TicketState,
  VoidReason,
} from "./enums.ts";
import { DeviceCommand } from "./printing.ts";

const epochMs = z.number().int().nonnegative();

/** A ticket as shown to clients: never full personal data, only masked forms. */
export const TicketView = z.strictObject({
  id: z.number().int().positive(),
  /** As printed, e.g. "A012". */
  number: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  state: TicketState,
  priority: PriorityClass,
  channel: Channel,
  /** 代办: a staff member took this ticket on behalf of the citizen (not a walk-in). */
  agent: z.boolean(),
  /** Epoch ms. */
  arrivedAt: epochMs,
  windowNumber: z.number().int().nullable(),
  recallCount: z.number().int().nonnegative(),
  /** e.g. "张*"; null when none was given or after the retention purge. */
  nameMasked: z.string().nullable(),
  /** e.g. "110***********1234"; null when none was given or after the retention purge. */
  idMasked: z.string().nullable(),
  /** Opaque token for the public status page (GET /api/public/tickets/:token). */
  publicToken: z.string(),
});
export type TicketView = z.infer<typeof TicketView>;

/** A waiting ticket as the counter's "call a chosen ticket" list shows it: masked name only, no ID, no token. */
export const CallableTicket = z.strictObject({
  id: z.number().int().positive(),
  number: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  priority: PriorityClass,
  arrivedAt: epochMs,
  /** Slot start of an appointment ticket (epoch ms), else null. */
  appointmentAt: epochMs.nullable(),
  /** Transferred to this staff member or window in particular. */
  targeted: z.boolean(),
  nameMasked: z.string().nullable(),
});
export type CallableTicket = z.infer<typeof CallableTicket>;

/** A window: internal id, the number over the counter, its name. */
export const WindowRef = z.strictObject({
  id: z.number().int().positive(),
  number: z.number().int(),
  name: z.string(),
});
export type WindowRef = z.infer<typeof WindowRef>;

/** A staff member as events and screens name them. */
export const StaffRef = z.strictObject({ employeeNo: z.string(), name: z.string() });
export type StaffRef = z.infer<typeof StaffRef>;

/** The longest notice (滚动通知) a hall may publish, in characters after trimming: one line a screen can scroll. */
export const NOTICE_MAX_CHARS = 300;

/**
 * A scrolling notice (滚动通知) on the hall's screens: published by a supervisor or admin (or the hall operator at the
 * CLI, `by.employeeNo` "cli"), shown until withdrawn or until `expiresAt` (epoch ms; null: until withdrawn). Screens
 * drop a notice at its `expiresAt` by themselves; the snapshot and GET /api/notices never list an expired one.
 */
export const Notice = z.strictObject({
  id: z.number().int().positive(),
  /** 1..NOTICE_MAX_CHARS characters, trimmed, no control characters. */
  text: z.string(),
  publishedAt: epochMs,
  expiresAt: epochMs.nullable(),
  by: StaffRef,
});
export type Notice = z.infer<typeof Notice>;

/**
 * Why a staff member left a window: they signed out, their 12-hour session ran out, their counter device was
 * revoked, or a supervisor released the window after they walked away.
 */
export const SignOutReason = z.enum(["signed_out", "session_expired", "device_revoked", "released_by_supervisor"]);
export type SignOutReason = z.infer<typeof SignOutReason>;

/** A window as the hall screen and consoles show it. */
export const WindowView = WindowRef.extend({
  area: z.string(),
  floor: z.string(),
  state: z.enum(["closed", "open", "paused"]),
  pauseReason: z.string().nullable(),
  staff: StaffRef.nullable(),
  current: TicketView.nullable(),
  /** Tickets on hold at this window (citizen fetching a document), oldest first: unhold takes their id or number. */
  held: z.array(TicketView),
});
export type WindowView = z.infer<typeof WindowView>;

const ticketData = {
  ticket: TicketView,
  /** Waiting counts of the items this event changed, keyed by item code. */
  waiting: z.record(z.string(), z.number().int().nonnegative()),
};
const atWindow = { ...ticketData, window: WindowRef };
const byStaff = { ...atWindow, staff: StaffRef };
const health = z.array(z.strictObject({ name: z.string(), state: DeviceHealthState, reason: z.string() }));

/** One event of the log: `type`, its `data`, a monotonically increasing `seq` and epoch-ms `at`. */
const event = <T extends string, D extends z.core.$ZodShape>(type: T, data: D, description: string) =>
  z
    .strictObject({ type: z.literal(type), data: z.strictObject(data), seq: z.number().int().positive(), at: epochMs })
    .meta({ description });

/** A ticket was called (or recalled) to a window: what the hall screen shows and speaks. */
export const TicketCalledEvent = event(
  "ticket.called",
  {
    ...byStaff,
    /** 0 for the first call, n for the n-th recall. */
    recall: z.number().int().nonnegative(),
    /** Out-of-order call of a chosen ticket (audited). */
    chosen: z.boolean(),
    /** Why this ticket was called (the policy rule, "chosen" or "recall"). */
    reason: CallReason,
    /** What the hall screen shows and speaks. */
    announcement: z.strictObject({ zh: z.string(), en: z.string() }),
  },
  "A ticket was called (or recalled) to a window.",
);

/** Every event the hall-server records, by `type`. */
export const HallEvent = z.discriminatedUnion("type", [
  event("ticket.issued", ticketData, "A ticket was taken (kiosk, staff, online hall or appointment check-in)."),
  TicketCalledEvent,
  event("ticket.started", byStaff, "Service of the called ticket began."),
  event(
    "ticket.finished",
    { ...byStaff, handledItemCodes: z.array(z.string()) },
    "Service ended; the items actually handled.",
  ),
  event("ticket.no_show", atWindow, "The citizen did not come after the last recall."),
  event(
    "ticket.transferred",
    {
      ...ticketData,
      fromItemCode: z.string(),
      toItemCode: z.string(),
      toEmployeeNo: z.string().nullable(),
      toWindowNumber: z.number().int().nullable(),
      note: z.string(),
    },
    "A ticket was sent to another item, staff member or window; it waits again.",
  ),
  event("ticket.held", atWindow, "The ticket is on hold at the window (citizen fetching a document)."),
  event("ticket.unheld", atWindow, "A held ticket is being served again."),
  event(
    "ticket.reserved",
    {
      ticketId: z.number().int().positive(),
      number: z.string(),
      itemCode: z.string(),
      deviceId: z.number().int().positive(),
      expiresAt: epochMs,
    },
    "A kiosk reserved a number while its ticket prints: not callable, not waiting, not announced; it becomes " +
      "`ticket.issued` when the print is confirmed or `ticket.voided` (no personal data).",
  ),
  event(
    "ticket.voided",
    {
      ticketId: z.number().int().positive(),
      number: z.string(),
      itemCode: z.string(),
      reason: VoidReason,
      /** The reserving device that voided it, or null (the timeout sweep, a supervisor). */
      deviceId: z.number().int().positive().nullable(),
      /** The supervisor who voided it, else null. */
      by: StaffRef.nullable(),
    },
    "A reservation's ticket never printed: its number stays a recorded gap with the reason, and its place under " +
      "the item's caps is released.",
  ),
  event(
    "device.command_queued",
    {
      commandId: z.number().int().positive(),
      deviceId: z.number().int().positive(),
      kind: DeviceCommandKind,
      ticketId: z.number().int().positive(),
      by: StaffRef,
    },
    "Staff asked a station for something (a reprint); /ws delivers it to the station until it answers.",
  ),
  event(
    "device.command_answered",
    {
      commandId: z.number().int().positive(),
      deviceId: z.number().int().positive(),
      ok: z.boolean(),
      reason: z.string().nullable(),
    },
    "A station answered a command (done, or failed with why).",
  ),
  event("ticket.cancelled", ticketData, "Staff cancelled a ticket."),
  event("ticket.reactivated", ticketData, "Staff put a no-show or cancelled ticket back in the queue."),
  event(
    "ticket.expired",
    { ...ticketData, day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) },
    "A ticket still waiting when its service day ended (the hall's local midnight) expired: screens drop it from " +
      'the waiting counts; it is never called. `day` is the ended service day ("YYYY-MM-DD").',
  ),
  event("staff.signed_in", { window: WindowRef, staff: StaffRef }, "A staff member took a window."),
  event(
    "staff.signed_out",
    { window: WindowRef, staff: StaffRef, reason: SignOutReason },
    "A staff member left a window.",
  ),
  event("admin.signed_in", { staff: StaffRef, role: Role }, "A supervisor or admin signed in on the admin page."),
  event("admin.signed_out", { staff: StaffRef, role: Role }, "A supervisor or admin signed out of the admin page."),
  event(
    "staff.skills_changed",
    {
      staff: StaffRef,
      skills: z.array(z.strictObject({ itemCode: z.string(), weight: z.number().int() })),
      by: StaffRef,
    },
    "A supervisor replaced a staff member's skills.",
  ),
  event(
    "staff.unlocked",
    { staff: StaffRef, by: StaffRef, sources: z.number().int().positive() },
    "A supervisor cleared an account's failed sign-ins from every source (`sources` of them were locked or counting).",
  ),
  event("notice.published", { notice: Notice }, "A scrolling notice was published: screens show it (until expiresAt)."),
  event(
    "notice.withdrawn",
    { noticeId: z.number().int().positive(), by: StaffRef },
    "A scrolling notice was withdrawn: screens drop it.",
  ),
  event("window.paused", { window: WindowRef, staff: StaffRef, reason: z.string() }, "A window paused, with why."),
  event("window.resumed", { window: WindowRef, staff: StaffRef }, "A paused window resumed."),
  event(
    "appointment.booked",
    { appointmentId: z.number().int(), itemCode: z.string(), slotStart: epochMs },
    "An appointment was booked (slotStart in epoch ms).",
  ),
  event(
    "appointment.checked_in",
    { appointmentId: z.number().int(), ticketId: z.number().int(), late: z.boolean() },
    "An appointment was checked in and became a ticket.",
  ),
  event("appointment.released", { appointmentIds: z.array(z.number().int()) }, "Unclaimed appointments were released."),
  event(
    "device.created",
    {
      deviceId: z.number().int(),
      name: z.string(),
      kind: DeviceKind,
      windowNumber: z.number().int().nullable(),
      pairingExpiresAt: epochMs,
    },
    "A device was registered and its one-time pairing code issued (the code itself is never logged).",
  ),
  event(
    "device.paired",
    { deviceId: z.number().int(), name: z.string(), kind: DeviceKind },
    "A device redeemed its pairing code.",
  ),
  event(
    "device.revoked",
    { deviceId: z.number().int(), name: z.string(), kind: DeviceKind, windowNumber: z.number().int().nullable() },
    "A device's token was revoked.",
  ),
  event(
    "device.health",
    { deviceId: z.number().int(), name: z.string(), devices: health },
    "A station agent reported its devices' health.",
  ),
  event("catalog.imported", { version: z.string() }, "A catalogue was imported (its data edition)."),
  event(
    "rating.recorded",
    {
      ticketId: z.number().int().positive(),
      number: z.string(),
      window: WindowRef,
      staff: StaffRef,
      level: z.number().int().min(1).max(5),
      /** Given by the sweep: nobody answered within the region's delay. */
      isDefault: z.boolean(),
      /** A bad review without its reason yet (its provincial upload is held). */
      reasonPending: z.boolean(),
      /** One rating per item handled in the visit. */
      ratingIds: z.array(z.number().int().positive()),
    },
    "The service that finished at a window was rated (the citizen's answer, or a default by the sweep); no " +
      "personal data.",
  ),
  event(
    "review_case.opened",
    {
      caseId: z.number().int().positive(),
      ratingId: z.number().int().positive(),
      window: WindowRef,
      staff: StaffRef,
      level: z.number().int().min(1).max(2),
      state: ReviewCaseState,
      deadlineAt: epochMs,
    },
    "A bad review opened a follow-up case, due by `deadlineAt` (working days by the region's rule).",
  ),
  event(
    "review_case.changed",
    {
      caseId: z.number().int().positive(),
      ratingId: z.number().int().positive(),
      state: ReviewCaseState,
      /** What changed: the bad review's reason was given (its provincial upload is released). */
      change: z.enum(["reason_added"]),
    },
    "A follow-up case changed.",
  ),
  event(
    "personal_data.purged",
    {
      before: epochMs,
      tickets: z.number().int().nonnegative(),
      appointments: z.number().int().nonnegative(),
      events: z.number().int().nonnegative(),
      serviceRecords: z.number().int().nonnegative(),
    },
    "Retention purge: how many rows lost their personal data (erased where recorded before `before`).",
  ),
]);
/** One entry of the event log: monotonically increasing `seq`, epoch-ms `at`. */
export type HallEvent = z.infer<typeof HallEvent>;

export type HallEventType = HallEvent["type"];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as a use case emits it, before the log gives it `seq` and `at`. */
export type HallEventBody = DistributiveOmit<HallEvent, "seq" | "at">;

/** Hall state for a client (re)connecting; events with seq > `seq` follow. */
export const HallSnapshot = z.strictObject({
  /** The last event's seq this snapshot includes (0 for an empty log). */
  seq: z.number().int().nonnegative(),
  hallName: z.string(),
  /** The hall's time zone (IANA, config `timeZone`): screens show their clocks in it, not in their PC's. */
  timeZone: z.string(),
  windows: z.array(WindowView),
  /** Waiting tickets per item code. */
  waiting: z.record(z.string(), z.number().int().nonnegative()),
  recentCalls: z.array(TicketCalledEvent),
  /** The scrolling notices in force (not withdrawn, not expired), oldest first. */
  notices: z.array(Notice),
});
export type HallSnapshot = z.infer<typeof HallSnapshot>;

/** Messages the server sends over the WebSocket (one JSON text frame each). */
export const ServerMessage = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("snapshot"), snapshot: HallSnapshot }),
  z.strictObject({ type: z.literal("event"), event: HallEvent }),
  /** To a station agent's own sockets only: a command to carry out and answer (sent again on every reconnect until answered). */
  z.strictObject({ type: z.literal("command"), command: DeviceCommand }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
