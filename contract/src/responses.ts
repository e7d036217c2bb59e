/**
 * What the hall-server answers, for the clients that read it (kiosk, counter console, screens, admin page, the
 * online hall). Request bodies are runtime schemas in api.ts; answers are runtime schemas here. Each route in
 * hall-server's route table names its answer schema: the API tests parse every real answer against it, and the
 * OpenAPI document (GET /api/openapi.json) is generated from the same schemas. Objects are strict, so an answer
 * carrying an undeclared field fails its test. Times are epoch milliseconds.
 */
import { z } from "zod";
import { CatalogDocument, Skill, type CatalogImportResult } from "./catalog.ts";
import { Channel, DeviceHealthState, DeviceKind, Role, TicketState, VoidReason } from "./enums.ts";
import { CallableTicket, HallEvent, Notice, StaffRef, TicketView, WindowRef } from "./events.ts";
import { DeviceCommandView, TicketPrintData } from "./printing.ts";

const epochMs = z.number().int().nonnegative();
const count = z.number().int().nonnegative();

/** `{ok: true}`: the change was made (sign-out, pause, resume, health report) or the server is up (GET /health). */
export const OkAnswer = z.strictObject({ ok: z.literal(true) });
export type OkAnswer = z.infer<typeof OkAnswer>;

/** Expected wait of a waiting ticket, or of a new ticket of an item. */
export const WaitInfo = z.strictObject({
  peopleAhead: count,
  /**
   * The forecast's expected wait, whole minutes: 0 only when a window that may take the ticket is free now. The
   * forecast simulates the hall under its call policy (hall-server domain/forecast); see `waitRangeMinutes`.
   */
  expectedWaitMinutes: z.number().int().nonnegative(),
  /**
   * The likely range of the wait, whole minutes: from the 10th to the 90th percentile of the forecast (low rounded
   * down, high up; low ≤ expectedWaitMinutes ≤ high). Print it in words with `waitWords`.
   */
  waitRangeMinutes: z.strictObject({ low: count, high: count }),
  /** False when nobody qualified is signed in: the estimate assumes one window will open. */
  staffed: z.boolean(),
});
export type WaitInfo = z.infer<typeof WaitInfo>;

/** POST /api/tickets: the new ticket, what to print on it, and where to wait. */
export const IssuedTicket = WaitInfo.extend({
  ticket: TicketView,
  /** Where to wait: areas/floors of the windows that serve the item. */
  areas: z.array(z.string()),
});
export type IssuedTicket = z.infer<typeof IssuedTicket>;

/** POST /api/appointments/check-in: the ticket the appointment became, and whether the citizen came late. */
export const CheckedInTicket = IssuedTicket.extend({ late: z.boolean() });
export type CheckedInTicket = z.infer<typeof CheckedInTicket>;

/**
 * POST /api/tickets/reservations: the reserved ticket (state "reserved"), when the reservation lapses unless
 * confirmed (POST /api/tickets/:id/printed) and what to print. `late` only for a check-in: the citizen came after
 * their slot, so the ticket is a normal one.
 */
export const ReservedTicket = z.strictObject({
  ticket: TicketView,
  expiresAt: epochMs,
  print: TicketPrintData,
  late: z.boolean().optional(),
});
export type ReservedTicket = z.infer<typeof ReservedTicket>;

/** POST /api/tickets/:id/reprint: the command queued for the kiosk that printed the ticket. */
export const ReprintAnswer = z.strictObject({ command: DeviceCommandView });
export type ReprintAnswer = z.infer<typeof ReprintAnswer>;

/** One number of a service day in the ledger: its ticket's state, and for a voided one why, when and by whom. */
export const LedgerEntry = z.strictObject({
  number: z.string(),
  sequence: z.number().int().positive(),
  ticketId: z.number().int().positive(),
  itemCode: z.string(),
  channel: Channel,
  state: TicketState,
  /** When the number was taken (epoch ms). */
  at: epochMs,
  voided: z
    .strictObject({
      reason: VoidReason,
      detail: z.string().nullable(),
      at: epochMs,
      /** The reserving device that voided it, else null. */
      deviceId: z.number().int().positive().nullable(),
      /** The supervisor who voided it, else null. */
      by: StaffRef.nullable(),
    })
    .nullable(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

/**
 * GET /api/tickets/ledger: every number of a service day per prefix, in sequence order. `last` is the prefix's
 * counter; `missing` lists sequence numbers up to it that no ticket holds (always empty in a sound hall: each number
 * is a ticket, a voided one included, so a gap is always explained).
 */
export const TicketLedger = z.strictObject({
  day: z.string(),
  prefixes: z.array(
    z.strictObject({
      prefix: z.string(),
      last: count,
      entries: z.array(LedgerEntry),
      missing: z.array(z.number().int().positive()),
    }),
  ),
});
export type TicketLedger = z.infer<typeof TicketLedger>;

/** GET /api/tickets/:id: the ticket, with its expected wait while it waits. */
export const TicketStatus = WaitInfo.partial().extend({ ticket: TicketView });
export type TicketStatus = z.infer<typeof TicketStatus>;

/**
 * GET /api/public/tickets/:token: the citizen's own ticket, without any personal data, not even masked; what the
 * phone status page (/t/<token>) shows. The wait fields (`WaitInfo`) are present only while the ticket waits.
 */
export const PublicTicketStatus = WaitInfo.partial().extend({
  number: z.string(),
  /** The item the ticket is for now (a transfer changes it). */
  itemName: z.string(),
  /** Its English name from the catalogue; "" when it has none (the page then shows the Chinese). */
  itemNameEn: z.string(),
  state: TicketState,
  /** The window the ticket is called to or served at; null otherwise. */
  windowNumber: z.number().int().nullable(),
  /** The hall's clock when it answered: the page counts from this, not from the phone's clock. */
  now: epochMs,
  /** The hall's time zone (IANA, config `timeZone`): the page shows times in it, not in the phone's. */
  timeZone: z.string(),
  /** When the ticket entered its current state (its call, when called). */
  stateAt: epochMs,
  /** How many times the current call was repeated (0 on the first call; reset by a transfer). */
  recallCount: count,
  /**
   * The number most recently called for this ticket's current item on its service day, and the window it was called
   * to (a recall does not count as a new call); null before the item's first call of the day.
   */
  lastCalled: z.strictObject({ number: z.string(), windowNumber: z.number().int().nullable() }).nullable(),
  /**
   * Set once the ticket was transferred: the item of its latest transfer's origin, and the window it was sent to
   * (null when any window serving the new item may call it). The ticket keeps its number and place by arrival.
   */
  transfer: z
    .strictObject({ fromItemName: z.string(), fromItemNameEn: z.string(), toWindowNumber: z.number().int().nullable() })
    .nullable(),
  /**
   * For a no-show: until when staff can put it back in the queue (its no-show time + the hall's
   * `queue.reactivateMinutes`); null in any other state or when the hall never reactivates.
   */
  reactivateUntil: epochMs.nullable(),
});
export type PublicTicketStatus = z.infer<typeof PublicTicketStatus>;

/** POST /api/auth/login: the staff session and, at a counter, the window taken and the items served there. */
export const LoginResult = z.strictObject({
  /** Bearer token of the session (12 h at most; ends at sign-out). */
  token: z.string(),
  staff: StaffRef.extend({ role: Role, photo: z.string() }),
  window: WindowRef.nullable(),
  /** Item codes this staff member serves at this window. */
  items: z.array(z.string()),
});
export type LoginResult = z.infer<typeof LoginResult>;

/** A registered device as the admin page lists it. */
export const DeviceView = z.strictObject({
  id: z.number().int().positive(),
  name: z.string(),
  kind: DeviceKind,
  windowNumber: z.number().int().nullable(),
  paired: z.boolean(),
  revoked: z.boolean(),
  /** The station's devices as its agent last reported them. */
  health: z.array(z.strictObject({ name: z.string(), state: DeviceHealthState, reason: z.string() })),
});
export type DeviceView = z.infer<typeof DeviceView>;

/** POST /api/devices: the new device and its one-time 8-digit pairing code, valid until `expiresAt`. */
export const CreatedDevice = z.strictObject({ device: DeviceView, pairingCode: z.string(), expiresAt: epochMs });
export type CreatedDevice = z.infer<typeof CreatedDevice>;

/** POST /api/devices/pair: the device's bearer token (shown once) and the device. */
export const PairedDevice = z.strictObject({ token: z.string(), device: DeviceView });
export type PairedDevice = z.infer<typeof PairedDevice>;

/** DELETE /api/devices/:id: the token no longer works. */
export const RevokedDevice = z.strictObject({ revoked: z.literal(true) });

/** POST /api/windows/:number/release: the window a supervisor freed. */
export const ReleasedWindow = z.strictObject({ window: WindowRef });

/** One locked (account, source) pair as supervisors see it; `lockedUntil` in epoch ms. */
export const SignInLockout = z.strictObject({
  employeeNo: z.string(),
  source: z.string(),
  failures: count,
  lockedUntil: epochMs,
});
export type SignInLockout = z.infer<typeof SignInLockout>;

/** GET /api/staff/lockouts: pairs locked now, most recent first. */
export const LockoutList = z.strictObject({ lockouts: z.array(SignInLockout) });

/** POST /api/staff/:employeeNo/unlock: how many (account, source) runs were cleared. */
export const UnlockResult = z.strictObject({ employeeNo: z.string(), cleared: count });

/** PUT /api/staff/:employeeNo/pin and /password: whose credential was set (never the secret). */
export const CredentialSet = z.strictObject({ employeeNo: z.string() });

/** PUT /api/staff/:employeeNo/skills: the skills now in force. */
export const SkillsResult = z.strictObject({ employeeNo: z.string(), skills: z.array(Skill) });

/** GET /api/counter/waiting: the tickets the signed-in staff member may call at their window. */
export const CounterWaiting = z.strictObject({ window: WindowRef, tickets: z.array(CallableTicket) });

/** POST /api/counter/recall: the recalled ticket, or (`noShow`) the ticket marked no-show after its last recall. */
export const RecallResult = z.strictObject({ ticket: TicketView, noShow: z.boolean() });

/** POST /api/appointments: the booking and the code the citizen checks in with. */
export const BookedAppointment = z.strictObject({
  id: z.number().int().positive(),
  /** 8 letters/digits. */
  code: z.string(),
  itemCode: z.string(),
  slotStart: epochMs,
  slotEnd: epochMs,
});
export type BookedAppointment = z.infer<typeof BookedAppointment>;

/** POST /api/appointments/release-unclaimed: how many bookings were released. */
export const ReleasedAppointments = z.strictObject({ released: count });

/** GET /api/appointments/counts: today's appointments by state. */
export const AppointmentCounts = z.strictObject({
  booked: count,
  checked_in: count,
  released: count,
  cancelled: count,
});

/** GET /api/events?since=<seq>: up to 1,000 events after `since`, and the log's last seq. */
export const EventPage = z.strictObject({ events: z.array(HallEvent), lastSeq: count });

/** POST /api/admin/purge: rows whose personal data the purge erased, by table. */
export const PurgeCounts = z.strictObject({
  tickets: count,
  appointments: count,
  /** Log events whose ticket view still carried a masked name or ID number. */
  events: count,
  /** Service records (ratings) whose applicant data was erased, with the same data in their outbox rows. */
  serviceRecords: count,
});
export type PurgeCounts = z.infer<typeof PurgeCounts>;

/** GET /api/catalog (staff left out: `staff` is empty) and GET /api/catalog/export (with staff, never credentials). */
export const CatalogAnswer = CatalogDocument;

const ImportRefusalCodeSchema = z.enum(["last_admin", "self", "all_items", "all_windows"]);
const entryDiff = <K extends z.ZodType>(key: K) =>
  z.strictObject({
    added: z.array(key),
    changed: z.array(z.strictObject({ key, fields: z.array(z.string()) })),
    deactivated: z.array(key),
  });

/**
 * POST /api/catalog/import: the file's counts, the diff (keyed by department code, group code, item code, window
 * number and employee number) and the refusals met. Mirrors `CatalogImportResult` in catalog.ts (checked at compile time below).
 */
export const CatalogImportAnswer = z.strictObject({
  dryRun: z.boolean(),
  version: z.string(),
  departments: count,
  items: count,
  windows: count,
  staff: count,
  diff: z.strictObject({
    departments: entryDiff(z.string()),
    groups: entryDiff(z.string()),
    items: entryDiff(z.string()),
    windows: entryDiff(z.number().int()),
    staff: entryDiff(z.string()),
  }),
  refusals: z.array(z.strictObject({ code: ImportRefusalCodeSchema, message: z.string() })),
  forced: z.array(ImportRefusalCodeSchema),
});
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Fails to compile when catalog.ts's CatalogImportResult and this schema drift apart.
const sameImportResult: Same<z.infer<typeof CatalogImportAnswer>, CatalogImportResult> = true;
void sameImportResult;

const perHour = z.number().nonnegative();
const minutes = z.number().nonnegative();

/** A plain-words sentence for the admin monitor, in Chinese and English. */
export const Explanation = z.strictObject({ "zh-CN": z.string(), en: z.string() });
export type Explanation = z.infer<typeof Explanation>;

/**
 * One item group's staffing advice (Erlang C on the group's pool of windows; the model and its rules are described in
 * hall-server's domain/staffingAdvice.ts). Rates per hour, times in minutes.
 */
export const GroupAdvice = z.strictObject({
  code: z.string(),
  name: z.string(),
  /** The catalogue's target wait of the group (default 15). */
  targetWaitMinutes: minutes,
  arrivals: z.strictObject({
    /** Arrivals per hour over the observed span (the last 60 minutes, less early in the day). */
    perHour,
    /** Per hour in the earlier and the recent half of the span. */
    earlierPerHour: perHour,
    recentPerHour: perHour,
    /** Whether the recent half differs from the earlier one beyond chance (Poisson, about 95%). */
    trend: z.enum(["rising", "falling", "steady"]),
    /** The rate the advice plans the next 30 minutes with (the trend projected when rising). */
    planningPerHour: perHour,
    spanMinutes: minutes,
  }),
  /** Mean handle minutes of the group's items (the hall's history, robust, with the catalogue's typical minutes). */
  handleMinutes: minutes,
  /** Erlangs: windows kept busy on average at the planning rate. */
  offeredLoad: z.number().nonnegative(),
  /** Tickets of the group waiting now. */
  waiting: count,
  /** Open windows whose signed-in staff may serve the group, and the share of their time it gets (0..1). */
  windows: z.array(z.strictObject({ number: z.number().int(), share: z.number().min(0).max(1) })),
  /** Windows' worth of staff time the group gets now (the sum of the shares). */
  windowsNow: z.number().nonnegative(),
  /** Paused windows whose signed-in staff may serve the group: the quickest to open (resume). */
  pausedWindows: z.array(z.number().int()),
  /** False when the windows that may serve the group cannot keep up: its queue grows however long one waits. */
  stable: z.boolean(),
  /**
   * Erlang C mean wait at the planning rate on the windows that may serve the group (their shared staff also doing
   * the other groups' share); null when not stable.
   */
  expectedWaitMinutes: minutes.nullable(),
  /** Minutes to call everyone waiting now with the time it gets (new arrivals aside); null with no window. */
  queueClearMinutes: minutes.nullable(),
  /**
   * Whole windows able to serve the group needed to keep the mean wait and the people waiting within the target
   * (compare with `windows.length`); null: beyond any hall.
   */
  windowsNeeded: count.nullable(),
  /** What to do now: open or close `actionWindows` windows, or keep them as they are. */
  action: z.enum(["open", "close", "keep"]),
  actionWindows: count,
  /** Why, in plain words. */
  reason: Explanation,
});
export type GroupAdvice = z.infer<typeof GroupAdvice>;

/** GET /api/staffing/advice: each item group's advice (临时增开窗口) at the hall's clock. */
export const StaffingAdvice = z.strictObject({
  computedAt: epochMs,
  /** Open windows with a signed-in staff member (paused ones are not serving and not counted). */
  windowsServing: count,
  groups: z.array(GroupAdvice),
});
export type StaffingAdvice = z.infer<typeof StaffingAdvice>;

/** GET /api/notices: the scrolling notices in force (not withdrawn, not expired), oldest first. */
export const NoticeList = z.strictObject({ notices: z.array(Notice) });
export type NoticeList = z.infer<typeof NoticeList>;

/** The image types a staff photo may be (told by the file's first bytes, not by its name or header). */
export const PhotoMediaType = z.enum(["image/jpeg", "image/png"]);
export type PhotoMediaType = z.infer<typeof PhotoMediaType>;

/** The largest staff photo the hall stores, in bytes (200 KB: a window screen's portrait, not a camera original). */
export const STAFF_PHOTO_MAX_BYTES = 200 * 1024;

/** PUT and DELETE /api/staff/:employeeNo/photo: the photo now stored (or just removed), without its bytes. */
export const StaffPhotoInfo = z.strictObject({
  employeeNo: z.string(),
  mediaType: PhotoMediaType,
  /** Size in bytes. */
  bytes: z.number().int().positive(),
  /** When it was stored (epoch ms). */
  updatedAt: epochMs,
});
export type StaffPhotoInfo = z.infer<typeof StaffPhotoInfo>;
