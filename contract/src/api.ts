/** Request bodies of the hall-server REST API. Every body is validated with these schemas at the edge. */
import { z } from "zod";
import { NewPassword, Pin } from "./credentials.ts";
import { DeviceHealthState, DeviceKind, PriorityClass, VoidReason } from "./enums.ts";
import { NOTICE_MAX_CHARS } from "./events.ts";

const itemCode = z.string().trim().min(1).max(64);
const idNumber = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{9,18}$/, "ID number must be 9-18 letters or digits");
const employeeNo = z.string().trim().min(2).max(32);
const windowNumber = z.number().int().min(1).max(9999);

/** Whether "YYYYMMDD" names a day that exists (no 0230, no month 13). */
export function isCalendarDate(yyyymmdd: string): boolean {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number) as [
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Identity read from an ID card at the kiosk, or typed by staff. Never stored in full. */
/** Kinds of identity document a reader decodes (the rating upload carries the type). */
export const IdType = z.enum([
  "resident",
  "hk-macau-taiwan-permit",
  "foreign-permanent-2017",
  "foreign-permanent-2023",
]);
export type IdType = z.infer<typeof IdType>;

export const CardIdentity = z.strictObject({
  idType: IdType.default("resident"),
  idNumber,
  name: z.string().trim().min(1).max(60).optional(),
  /** YYYYMMDD, for the elderly priority the kiosk derives from the card. */
  birthDate: z
    .string()
    .regex(/^\d{8}$/, "birth date must be YYYYMMDD")
    .refine(isCalendarDate, "birth date must be a real calendar date")
    .optional(),
});
export type CardIdentity = z.infer<typeof CardIdentity>;

export const IssueTicketBody = z.strictObject({
  itemCode,
  /** Kiosks may claim "elderly" (derived from the card); green channel needs staff. */
  priority: PriorityClass.exclude(["appointment"]).default("normal"),
  card: CardIdentity.optional(),
  /** Staff-issued tickets: 代办 (agent) or walk-in. */
  agent: z.boolean().default(false),
});
export type IssueTicketBody = z.infer<typeof IssueTicketBody>;

export const StaffLoginBody = z
  .strictObject({
    employeeNo,
    pin: Pin.optional(),
    password: z.string().min(1).max(200).optional(),
    /** Sign in at this window (from a registered counter device). Omit for the admin page. */
    windowNumber: windowNumber.optional(),
  })
  .refine((b) => (b.pin === undefined) !== (b.password === undefined), {
    message: "give exactly one of pin or password",
  });
export type StaffLoginBody = z.infer<typeof StaffLoginBody>;

export const PauseBody = z.strictObject({ reason: z.string().trim().min(1, "a pause needs a reason").max(200) });
/** A ticket printed today, e.g. "A012" (case and spaces forgiven). */
const ticketNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]*[A-Z]\d{3,}$/, 'ticket number is its letter and digits as printed, e.g. "A012"');
/** A ticket chosen at the counter: by its internal id or by the number printed on it today (exactly one). */
export const TicketChoiceBody = z
  .strictObject({ ticketId: z.number().int().positive().optional(), number: ticketNumber.optional() })
  .refine((b) => (b.ticketId === undefined) !== (b.number === undefined), {
    message: "give exactly one of ticketId or number",
  });
export type TicketChoiceBody = z.infer<typeof TicketChoiceBody>;
/** Call a chosen waiting ticket out of order. */
export const CallTicketBody = TicketChoiceBody;
/** Resume a ticket held at this window. */
export const UnholdBody = TicketChoiceBody;
export const TransferBody = z.strictObject({
  itemCode,
  toEmployeeNo: employeeNo.optional(),
  toWindowNumber: windowNumber.optional(),
  note: z.string().max(500).default(""),
});
export type TransferBody = z.infer<typeof TransferBody>;
export const FinishBody = z.strictObject({
  /** Items actually handled in this service; defaults to the ticket's current item. */
  handledItemCodes: z
    .array(itemCode)
    .max(20)
    .refine((codes) => new Set(codes).size === codes.length, { message: "an item is listed twice" })
    .optional(),
});

export const CreateDeviceBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  kind: DeviceKind,
  /** Counters and window screens belong to a window. */
  windowNumber: windowNumber.optional(),
});
/** PUT /api/staff/:employeeNo/pin: set or reset a staff member's PIN. */
export const SetPinBody = z.strictObject({ pin: Pin });
export type SetPinBody = z.infer<typeof SetPinBody>;
/** PUT /api/staff/:employeeNo/password: set or reset a supervisor's or admin's password. */
export const SetPasswordBody = z.strictObject({ password: NewPassword });
export type SetPasswordBody = z.infer<typeof SetPasswordBody>;
export const PairDeviceBody = z.strictObject({ code: z.string().regex(/^\d{8}$/, "pairing code is 8 digits") });
export const DeviceHealthBody = z.strictObject({
  devices: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(60),
        state: DeviceHealthState,
        reason: z.string().max(200).default(""),
      }),
    )
    .max(20),
});

export const BookAppointmentBody = z.strictObject({
  itemCode,
  /** Slot start as ISO 8601 with offset, e.g. 2026-11-27T09:00:00+08:00. */
  slotStart: z.iso.datetime({ offset: true }),
  idNumber,
  /** The document the ID number belongs to; kept with the booking and copied to the check-in ticket. */
  idType: IdType.optional(),
  name: z.string().trim().min(1).max(60).optional(),
  phone: z
    .string()
    .regex(/^\+?\d{6,20}$/)
    .optional(),
});
export type BookAppointmentBody = z.infer<typeof BookAppointmentBody>;
export const CheckInBody = z
  .strictObject({
    code: z
      .string()
      .regex(/^[A-Z0-9]{8}$/, "appointment code is 8 letters/digits")
      .optional(),
    idNumber: idNumber.optional(),
    /** The type of the card read for `idNumber` (as the reader decoded it); only with `idNumber`. */
    idType: IdType.optional(),
  })
  .refine((b) => (b.code === undefined) !== (b.idNumber === undefined), {
    message: "give exactly one of code or idNumber",
  })
  .refine((b) => b.idType === undefined || b.idNumber !== undefined, {
    message: "idType describes the card read for idNumber: give it only with idNumber",
    path: ["idType"],
  });

/**
 * POST /api/tickets/reservations (a kiosk): hold the next number for a walk-in ticket (`issue`) or an appointment
 * check-in (`checkIn`) while the station prints it. `requestKey` (a UUID the station makes once per "take") makes a
 * retry answer the same reservation: the same key again from the same device never takes a second number.
 */
export const ReserveTicketBody = z
  .strictObject({
    requestKey: z.uuid("requestKey must be a UUID"),
    issue: IssueTicketBody.optional(),
    checkIn: CheckInBody.optional(),
  })
  .refine((b) => (b.issue === undefined) !== (b.checkIn === undefined), {
    message: "give exactly one of issue or checkIn",
  });
export type ReserveTicketBody = z.infer<typeof ReserveTicketBody>;

/** POST /api/tickets/:id/void: why the reservation's ticket will never print; `detail` for people (no personal data). */
export const VoidTicketBody = z.strictObject({
  reason: VoidReason,
  detail: z.string().trim().max(200).optional(),
});
export type VoidTicketBody = z.infer<typeof VoidTicketBody>;

/** POST /api/devices/self/commands/:id/result: whether the station carried the command out, and if not why. */
export const CommandResultBody = z
  .strictObject({ ok: z.boolean(), reason: z.string().trim().max(200).optional() })
  .refine((b) => b.ok || (b.reason !== undefined && b.reason !== ""), {
    message: "a failed command needs a reason",
    path: ["reason"],
  });
export type CommandResultBody = z.infer<typeof CommandResultBody>;

/** Query of `GET /api/tickets/ledger`: the service day ("YYYY-MM-DD", default today). */
export const LedgerQuery = z.strictObject({
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "day must be YYYY-MM-DD")
    .refine((d) => isCalendarDate(d.replaceAll("-", "")), "day must be a real calendar date")
    .optional(),
});
export type LedgerQuery = z.infer<typeof LedgerQuery>;

/** Query of `GET /api/events`: `since`, the last seq the client has (default 0: from the start of the log). */
export const EventsQuery = z.strictObject({
  since: z.string().regex(/^\d+$/, "since must be a non-negative integer").optional(),
});

/**
 * Control characters (C0, DEL, C1) and the bidirectional overrides and isolates (U+202A-202E, U+2066-2069): a notice
 * is one line of plain text on a public screen, and a bidi override would show it reversed or spoofed.
 */
const NOTICE_FORBIDDEN = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** POST /api/notices: a scrolling notice for the hall's screens. */
export const PublishNoticeBody = z.strictObject({
  text: z
    .string()
    .trim()
    .min(1, "a notice needs text")
    .max(NOTICE_MAX_CHARS, {
      error: (issue) =>
        `a notice is at most ${NOTICE_MAX_CHARS} characters after trimming; this one has ${
          typeof issue.input === "string" ? issue.input.length.toLocaleString("en-US") : "more"
        }`,
    })
    .refine(
      (t) => !NOTICE_FORBIDDEN.test(t),
      "a notice is one line of plain text: no control characters or line breaks",
    ),
  /** When the notice stops showing (epoch ms, in the future); omit to show it until withdrawn. */
  expiresAt: z.number().int().positive().optional(),
});
export type PublishNoticeBody = z.infer<typeof PublishNoticeBody>;

/** Stable machine-readable error codes of the API. */
export const ErrorCode = z.enum([
  "bad_request",
  /** A method the path does not support (405, with an Allow header listing those it does). */
  "method_not_allowed",
  /** A request body over the 2 MB any endpoint reads (413). */
  "payload_too_large",
  /** A body of a media type or Content-Encoding the endpoint does not read, e.g. text/plain for a JSON one (415). */
  "unsupported_media_type",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "item_closed",
  "cap_reached",
  "not_signed_in",
  "window_busy",
  "no_ticket",
  "invalid_state",
  "no_photo",
  /** No speech engine can render announcements (voice off, or none installed): screens show the text only. */
  "voice_unavailable",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * The body of every error response: a stable `code` (its HTTP status is fixed per code), a message for people, and
 * for some codes `details` (validation issues `{path, message}[]` for bad_request, `{refusals}` for a refused import).
 */
export const ErrorBody = z.strictObject({
  error: z.strictObject({ code: ErrorCode, message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
