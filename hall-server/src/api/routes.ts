/**
 * Every endpoint of the hall-server: who may call it, its body, answer and error codes (published as OpenAPI by
 * openapi.ts). Handlers only parse, call a use case, serialise.
 */
import {
  AppointmentCounts,
  BookAppointmentBody,
  BookedAppointment,
  CatalogAnswer,
  CatalogImportAnswer,
  CheckedInTicket,
  CounterWaiting,
  CreatedDevice,
  DeviceView,
  EventPage,
  EventsQuery,
  HallSnapshot,
  IssuedTicket,
  LockoutList,
  LoginResult,
  OkAnswer,
  PairedDevice,
  PurgeCounts,
  RecallResult,
  ReleasedAppointments,
  ReleasedWindow,
  RevokedDevice,
  SkillsResult,
  StaffingAdvice,
  TicketStatus,
  TicketView,
  UnlockResult,
  CredentialSet,
  WaitInfo,
  CallTicketBody,
  Catalog,
  CatalogImportQuery,
  CheckInBody,
  CreateDeviceBody,
  DeviceHealthBody,
  FinishBody,
  IssueTicketBody,
  PairDeviceBody,
  PauseBody,
  SetPasswordBody,
  SetPinBody,
  SkillList,
  StaffLoginBody,
  TicketChoiceBody,
  TransferBody,
  PublicTicketStatus,
  UnholdBody,
  CommandResultBody,
  DeviceCommandView,
  LedgerQuery,
  ReprintAnswer,
  ReservedTicket,
  ReserveTicketBody,
  TicketLedger,
  VoidTicketBody,
  Notice,
  NoticeList,
  PhotoMediaType,
  PublishNoticeBody,
  StaffPhotoInfo,
  RatingIndicatorList,
  RatingList,
  RatingReasonBody,
  RatingsQuery,
  RatingView,
  SubmitRatingBody,
  SubmittedRatings,
} from "@onewindow/contract";
import { readFileSync } from "node:fs";
import { z } from "zod";
import packageJson from "../../package.json" with { type: "json" };
import { AppError } from "../errors.ts";
import { appointmentCounts, bookAppointment, checkIn, releaseUnclaimed } from "../services/appointments.ts";
import { announcementAudio } from "../services/announcements.ts";
import { callableTickets, callNext, callTicket, recall } from "../services/calls.ts";
import { exportCatalogJson, importCatalogJson } from "../services/catalogAdmin.ts";
import { createDevice, listDevices, pairDevice, reportHealth, revokeDevice } from "../services/devices.ts";
import { answerCommand, reprintTicket } from "../services/deviceCommands.ts";
import { purgePersonalData } from "../services/maintenance.ts";
import { publicTicketStatus } from "../services/publicTicket.ts";
import { addRatingReason, getRating, indicatorList, listRatings, submitRating } from "../services/ratings.ts";
import { confirmPrinted, reserveTicket, ticketLedger, voidReservation } from "../services/reservations.ts";
import { finishService, holdTicket, noShow, startService, transferTicket, unholdTicket } from "../services/serving.ts";
import { snapshot } from "../services/snapshot.ts";
import { noticesInForce, publishNotice, withdrawNotice } from "../services/notices.ts";
import { removeStaffPhoto, setStaffPhoto, staffPhoto } from "../services/staffPhotos.ts";
import { staffingAdvice } from "../services/staffingAdvice.ts";
import { listLockouts, unlockSignIn } from "../services/signInGuard.ts";
import { setStaffPassword, setStaffPin } from "../services/credentials.ts";
import { setSkills } from "../services/skills.ts";
import { pauseWindow, releaseWindow, resumeWindow, staffLogin, staffLogout } from "../services/staffSessions.ts";
import {
  cancelTicket,
  getTicket,
  issueTicket,
  reactivateTicket,
  ticketIdByNumber,
  type Issuer,
} from "../services/tickets.ts";
import type { HallContext } from "../services/context.ts";
import { ticketView } from "../services/views.ts";
import { waitInfo } from "../services/waitEstimate.ts";
import { renderApiDocsPage } from "./apiDocsPage.ts";
import { buildOpenApi, type OpenApiDocument } from "./openapi.ts";
import { actorOf, deviceOf, idParam, stationOf, staffOf } from "./principalOf.ts";
import {
  ADMIN,
  ANY_AUTHENTICATED,
  BinaryAnswer,
  HALL_WATCHERS,
  STAFF,
  SUPERVISORS,
  route,
  type Route,
} from "./route.ts";
import type { Principal } from "../services/principal.ts";

const EmptyBody = z.strictObject({});
const OK = { ok: true } as const;
const SkillsBody = z.strictObject({ skills: SkillList.max(500) });

/** The OpenAPI document's outline (the validator and openapi.test.ts check the rest). */
const OpenApiAnswer = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()) }),
});

// The reference is built once per process: the route table does not change while the server runs.
let apiDocument: OpenApiDocument | undefined;
let apiDocsPage: string | undefined;
/** The OpenAPI document of this server's routes (cached). */
export const openApiDocument = (): OpenApiDocument => (apiDocument ??= buildOpenApi(routes, packageJson.version));
let websocketDoc: string | undefined;

/** The internal id of a ticket chosen by id or by today's printed number (resolved inside the change's transaction). */
function chosenTicketId(ctx: HallContext, body: TicketChoiceBody): number {
  return body.ticketId ?? ticketIdByNumber(ctx, body.number ?? "");
}

function issuerOf(p: Principal | undefined): Issuer {
  if (p?.kind === "device") return { kind: "device", deviceId: p.deviceId, remote: p.deviceKind === "gateway" };
  if (p?.kind === "staff") return { kind: "staff", staffId: p.staffId };
  throw new AppError("forbidden", "tickets are issued by kiosks or staff");
}

export const routes: Route[] = [
  route({
    method: "get",
    path: "/health",
    summary: "Liveness: the server is up.",
    answer: OkAnswer,
    access: ["public"],
    rateLimit: "health",
    handle: () => OK,
  }),

  // Catalogue
  route({
    method: "get",
    path: "/api/catalog",
    summary: "The catalogue (departments, items, windows) without staff.",
    answer: CatalogAnswer,
    access: ANY_AUTHENTICATED,
    handle: ({ ctx }) => exportCatalogJson(ctx, { withStaff: false }),
  }),
  route({
    method: "get",
    path: "/api/catalog/export",
    summary: "The whole catalogue, staff included (never credentials).",
    answer: CatalogAnswer,
    access: ADMIN,
    handle: ({ ctx }) => exportCatalogJson(ctx, { withStaff: true }),
  }),
  route({
    method: "post",
    path: "/api/catalog/import",
    summary: "Import a catalogue (or preview it with ?dryRun=true); refused as destructive unless ?force=true.",
    answer: CatalogImportAnswer,
    errors: ["conflict"],
    access: ADMIN,
    body: Catalog,
    // ?dryRun=true previews the diff and changes nothing; ?force=true applies an import refused as destructive.
    query: CatalogImportQuery,
    handle: ({ ctx, principal, body, query }) =>
      importCatalogJson(ctx, body, {
        ...(query as unknown as CatalogImportQuery),
        caller: actorOf(principal),
      }),
  }),

  // Devices and pairing
  route({
    method: "post",
    path: "/api/devices",
    summary: "Register a device and issue its one-time pairing code.",
    answer: CreatedDevice,
    errors: ["not_found"],
    access: ADMIN,
    body: CreateDeviceBody,
    status: 201,
    handle: ({ ctx, body }) => createDevice(ctx, body),
  }),
  route({
    method: "get",
    path: "/api/devices",
    summary: "Every registered device with its last health report.",
    answer: z.array(DeviceView),
    access: SUPERVISORS,
    handle: ({ ctx }) => listDevices(ctx),
  }),
  route({
    method: "delete",
    path: "/api/devices/:id",
    summary: "Revoke a device: its token stops working and its sockets close (4401).",
    answer: RevokedDevice,
    errors: ["not_found"],
    access: ADMIN,
    handle: ({ ctx, params }) => (revokeDevice(ctx, idParam(params)), { revoked: true as const }),
  }),
  route({
    method: "post",
    path: "/api/devices/pair",
    summary: "Redeem a pairing code for the device's bearer token.",
    answer: PairedDevice,
    access: ["public"],
    body: PairDeviceBody,
    rateLimit: "pairing",
    handle: ({ ctx, body }) => pairDevice(ctx, body.code),
  }),
  route({
    method: "post",
    path: "/api/devices/self/commands/:id/result",
    summary: "A station agent answers a command sent over /ws (done, or failed with why); the first answer counts.",
    answer: DeviceCommandView,
    errors: ["not_found"],
    access: ["kiosk"],
    body: CommandResultBody,
    handle: ({ ctx, principal, params, body }) =>
      answerCommand(ctx, deviceOf(principal).deviceId, idParam(params), body),
  }),
  route({
    method: "post",
    path: "/api/devices/self/health",
    summary: "A station agent reports its devices' health.",
    answer: OkAnswer,
    access: ["kiosk", "counter", "screen"],
    body: DeviceHealthBody,
    handle: ({ ctx, principal, body }) => (reportHealth(ctx, deviceOf(principal).deviceId, body.devices), OK),
  }),

  // Staff sessions
  route({
    method: "post",
    path: "/api/auth/login",
    summary: "Sign a staff member in (PIN at a counter device's window, or password on the admin page).",
    answer: LoginResult,
    errors: ["conflict", "not_found", "window_busy"],
    access: ["public", "counter"],
    body: StaffLoginBody,
    rateLimit: "login",
    handle: ({ ctx, principal, body, source }) => staffLogin(ctx, body, principal, source),
  }),
  route({
    method: "post",
    path: "/api/auth/logout",
    summary: "Sign out: the session ends and its sockets close (4401).",
    answer: OkAnswer,
    errors: ["window_busy"],
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => (staffLogout(ctx, staffOf(principal)), OK),
  }),

  route({
    method: "post",
    path: "/api/windows/:number/release",
    summary: "A supervisor frees a window whose staff member walked away.",
    answer: ReleasedWindow,
    errors: ["not_found", "invalid_state", "window_busy"],
    access: SUPERVISORS,
    body: EmptyBody,
    handle: ({ ctx, principal, params }) => releaseWindow(ctx, staffOf(principal).staffId, idParam(params, "number")),
  }),

  // Tickets
  route({
    method: "post",
    path: "/api/tickets",
    summary: "Issue a ticket in one phase (staff, online hall); a kiosk reserves instead (409 names that flow).",
    answer: IssuedTicket,
    errors: ["not_found", "item_closed", "cap_reached", "conflict"],
    groupCommit: true,
    access: ["kiosk", "gateway", ...STAFF],
    body: IssueTicketBody,
    rateLimit: "issue",
    status: 201,
    handle: ({ ctx, principal, body }) => issueTicket(ctx, body, issuerOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/tickets/reservations",
    summary:
      "A kiosk reserves the next number (walk-in issue or appointment check-in) while it prints; the same requestKey answers the same reservation.",
    answer: ReservedTicket,
    errors: ["not_found", "item_closed", "cap_reached", "invalid_state", "conflict"],
    groupCommit: true,
    access: ["kiosk"],
    body: ReserveTicketBody,
    rateLimit: "issue",
    status: 201,
    handle: ({ ctx, principal, body }) => reserveTicket(ctx, deviceOf(principal).deviceId, body),
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/printed",
    summary: "The reserving kiosk confirms the ticket printed: it now waits and is announced (again: same answer).",
    answer: IssuedTicket,
    errors: ["not_found", "invalid_state"],
    groupCommit: true,
    access: ["kiosk"],
    body: EmptyBody,
    handle: ({ ctx, principal, params }) => confirmPrinted(ctx, deviceOf(principal).deviceId, idParam(params)),
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/void",
    summary:
      "The reserving kiosk (or a supervisor) voids a reservation whose ticket did not print; refused once printed.",
    answer: TicketView,
    errors: ["not_found", "invalid_state"],
    groupCommit: true,
    access: ["kiosk", ...SUPERVISORS],
    body: VoidTicketBody,
    handle: ({ ctx, principal, params, body }) =>
      voidReservation(
        ctx,
        principal?.kind === "device"
          ? { kind: "device", deviceId: principal.deviceId }
          : { kind: "staff", staffId: staffOf(principal).staffId },
        idParam(params),
        body,
      ),
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/reprint",
    summary: "Print a ticket again at the kiosk that printed it (audited); the kiosk gets the command over /ws.",
    answer: ReprintAnswer,
    errors: ["not_found", "conflict"],
    access: STAFF,
    body: EmptyBody,
    status: 201,
    handle: ({ ctx, principal, params }) => reprintTicket(ctx, actorOf(principal), idParam(params)),
  }),
  route({
    method: "get",
    path: "/api/tickets/ledger",
    summary: "Every number of a service day (?day=YYYY-MM-DD, default today) with its state; voided ones with why.",
    answer: TicketLedger,
    access: SUPERVISORS,
    query: LedgerQuery,
    handle: ({ ctx, query }) => {
      const { day } = query as LedgerQuery;
      return day === undefined ? ticketLedger(ctx) : ticketLedger(ctx, day);
    },
  }),
  route({
    method: "get",
    path: "/api/items/:code/wait",
    summary: "Expected wait for a new ticket of an item.",
    answer: WaitInfo,
    errors: ["not_found"],
    access: ["kiosk", "gateway", "screen", ...STAFF],
    handle: ({ ctx, params }) => {
      const item = ctx.catalog.item(params.code ?? "");
      if (!item) throw new AppError("not_found", `no active service item with code ${params.code ?? ""}`);
      return waitInfo(ctx, item.id);
    },
  }),
  route({
    method: "get",
    path: "/api/staff/lockouts",
    summary: "Sign-in lockouts in force.",
    answer: LockoutList,
    access: SUPERVISORS,
    handle: ({ ctx }) => listLockouts(ctx),
  }),
  route({
    method: "post",
    path: "/api/staff/:employeeNo/unlock",
    summary: "Clear an account's failed sign-ins from every source.",
    answer: UnlockResult,
    errors: ["not_found"],
    access: SUPERVISORS,
    body: EmptyBody,
    handle: ({ ctx, principal, params }) => unlockSignIn(ctx, actorOf(principal), params.employeeNo ?? ""),
  }),
  route({
    method: "put",
    path: "/api/staff/:employeeNo/pin",
    summary: "Set or reset an active staff member's PIN (6-12 digits); clears their sign-in lockouts.",
    answer: CredentialSet,
    errors: ["not_found"],
    access: ADMIN,
    body: SetPinBody,
    handle: ({ ctx, principal, params, body }) =>
      setStaffPin(ctx, actorOf(principal), params.employeeNo ?? "", body.pin),
  }),
  route({
    method: "put",
    path: "/api/staff/:employeeNo/password",
    summary: "Set or reset an active staff member's password (8-200 characters); clears their sign-in lockouts.",
    answer: CredentialSet,
    errors: ["not_found"],
    access: ADMIN,
    body: SetPasswordBody,
    handle: ({ ctx, principal, params, body }) =>
      setStaffPassword(ctx, actorOf(principal), params.employeeNo ?? "", body.password),
  }),
  route({
    method: "put",
    path: "/api/staff/:employeeNo/skills",
    summary: "Replace a staff member's skills (item codes with weights).",
    answer: SkillsResult,
    errors: ["not_found"],
    access: SUPERVISORS,
    body: SkillsBody,
    handle: ({ ctx, principal, params, body }) =>
      setSkills(ctx, staffOf(principal).staffId, params.employeeNo ?? "", body.skills),
  }),
  route({
    method: "get",
    path: "/api/staff/:employeeNo/photo",
    summary: "A staff member's photo (JPEG or PNG) for the window screen; 404 no_photo when they have none.",
    answer: BinaryAnswer,
    produces: ["image/jpeg", "image/png"],
    headers: { "Cache-Control": "no-cache: an admin may replace the photo at any time, so revalidate every time." },
    errors: ["not_found", "no_photo"],
    access: HALL_WATCHERS,
    handle: ({ ctx, params }) => {
      const photo = staffPhoto(ctx, params.employeeNo ?? "");
      return { bytes: photo.bytes, mediaType: photo.mediaType, headers: { "Cache-Control": "no-cache" } };
    },
  }),
  route({
    method: "put",
    path: "/api/staff/:employeeNo/photo",
    summary:
      "Store a staff member's photo: the body is the file's bytes, JPEG or PNG (told by its first bytes), at most 200 KB.",
    answer: StaffPhotoInfo,
    errors: ["not_found"],
    access: ADMIN,
    rawBody: { mediaTypes: PhotoMediaType.options },
    handle: ({ ctx, principal, params, raw }) =>
      setStaffPhoto(ctx, actorOf(principal), params.employeeNo ?? "", raw!.bytes, raw!.declaredType),
  }),
  route({
    method: "delete",
    path: "/api/staff/:employeeNo/photo",
    summary: "Remove a staff member's photo; 404 no_photo when they have none.",
    answer: StaffPhotoInfo,
    errors: ["not_found", "no_photo"],
    access: ADMIN,
    handle: ({ ctx, principal, params }) => removeStaffPhoto(ctx, actorOf(principal), params.employeeNo ?? ""),
  }),
  route({
    method: "get",
    path: "/api/tickets/:id",
    summary: "A ticket, with its expected wait while it waits.",
    answer: TicketStatus,
    errors: ["not_found"],
    // Not kiosks: a citizen follows their own ticket on the public token page.
    access: ["counter", ...STAFF],
    handle: ({ ctx, params }) => {
      const t = getTicket(ctx, idParam(params));
      return { ticket: ticketView(ctx, t), ...(t.state === "waiting" ? waitInfo(ctx, t.item_id, t.id) : {}) };
    },
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/cancel",
    summary: "Cancel a ticket.",
    answer: TicketView,
    errors: ["not_found", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, params }) => cancelTicket(ctx, idParam(params)),
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/reactivate",
    summary: "Put a no-show or cancelled ticket back in the queue.",
    answer: TicketView,
    errors: ["not_found", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, params }) => reactivateTicket(ctx, idParam(params)),
  }),
  route({
    method: "get",
    path: "/api/public/tickets/:token",
    summary: "A citizen's own ticket by its unguessable token (no personal data).",
    answer: PublicTicketStatus,
    errors: ["not_found"],
    access: ["public"],
    rateLimit: "ticketStatus",
    handle: ({ ctx, params }) => publicTicketStatus(ctx, params.token ?? ""),
  }),

  // Counter: the signed-in staff member's window
  route({
    method: "get",
    path: "/api/counter/waiting",
    summary: "Tickets the signed-in staff member may call at their window.",
    answer: CounterWaiting,
    errors: ["not_signed_in"],
    access: STAFF,
    handle: ({ ctx, principal }) => {
      const s = stationOf(principal);
      return callableTickets(ctx, s.staffId, s.windowId);
    },
  }),
  route({
    method: "post",
    path: "/api/counter/call-next",
    summary: "Call the next ticket by the call policy.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "window_busy", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => callNext(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/call",
    summary: "Call a chosen waiting ticket out of order (audited).",
    answer: TicketView,
    errors: ["not_signed_in", "not_found", "window_busy", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: CallTicketBody,
    handle: ({ ctx, principal, body }) => callTicket(ctx, stationOf(principal), chosenTicketId(ctx, body)),
  }),
  route({
    method: "post",
    path: "/api/counter/recall",
    summary: "Recall the current ticket; after the last recall it becomes a no-show.",
    answer: RecallResult,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => recall(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/start",
    summary: "Start serving the called ticket.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => startService(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/finish",
    summary: "Finish serving, naming the items handled.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: FinishBody,
    handle: ({ ctx, principal, body }) => finishService(ctx, stationOf(principal), body.handledItemCodes),
  }),
  route({
    method: "post",
    path: "/api/counter/no-show",
    summary: "Mark the called ticket a no-show.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => noShow(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/transfer",
    summary:
      "Transfer the current ticket to another item, staff member or window; refused (409) when no window serves the " +
      "item or nobody is qualified for it, as nobody could ever call it.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "not_found", "conflict", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: TransferBody,
    handle: ({ ctx, principal, body }) => transferTicket(ctx, stationOf(principal), body),
  }),
  route({
    method: "post",
    path: "/api/counter/hold",
    summary: "Put the current ticket on hold (citizen fetching a document).",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => holdTicket(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/unhold",
    summary: "Serve a held ticket again.",
    answer: TicketView,
    errors: ["not_signed_in", "not_found", "window_busy", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: UnholdBody,
    handle: ({ ctx, principal, body }) => unholdTicket(ctx, stationOf(principal), chosenTicketId(ctx, body)),
  }),
  route({
    method: "post",
    path: "/api/counter/pause",
    summary: "Pause the window, with a reason.",
    answer: OkAnswer,
    errors: ["not_signed_in", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: PauseBody,
    handle: ({ ctx, principal, body }) => (pauseWindow(ctx, staffOf(principal), body.reason), OK),
  }),
  route({
    method: "post",
    path: "/api/counter/resume",
    summary: "Resume a paused window.",
    answer: OkAnswer,
    errors: ["not_signed_in", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => (resumeWindow(ctx, staffOf(principal)), OK),
  }),

  // Ratings (好差评)
  route({
    method: "post",
    path: "/api/ratings",
    summary:
      "The counter's agent submits the citizen's rating of the service that finished at its window (one answer rates " +
      "every item handled in the visit); a bad review opens a follow-up case. A retry with the same requestKey " +
      "answers the same ratings; a second rating is refused.",
    answer: SubmittedRatings,
    errors: ["not_found", "invalid_state", "conflict"],
    access: ["counter"],
    body: SubmitRatingBody,
    status: 201,
    handle: ({ ctx, principal, body }) => {
      const d = deviceOf(principal);
      return { ratings: submitRating(ctx, { deviceId: d.deviceId, windowId: d.windowId }, body) };
    },
  }),
  route({
    method: "get",
    path: "/api/ratings",
    summary:
      "Ratings with every field of their service records, personal data masked; filters ?from=&to= (service days), " +
      "window, staff (employee number), item (code), level, default, limit, beforeId.",
    answer: RatingList,
    access: SUPERVISORS,
    query: RatingsQuery,
    handle: ({ ctx, query }) => listRatings(ctx, query as RatingsQuery),
  }),
  route({
    method: "get",
    path: "/api/ratings/indicators",
    summary: "The evaluation indicator list ratings are checked against (versioned), for the window screen's reasons.",
    answer: RatingIndicatorList,
    access: ["counter", ...STAFF],
    handle: () => indicatorList(),
  }),
  route({
    method: "get",
    path: "/api/ratings/:id",
    summary: "One rating with every field of its service record and its case, personal data masked.",
    answer: RatingView,
    errors: ["not_found"],
    access: SUPERVISORS,
    handle: ({ ctx, params }) => getRating(ctx, idParam(params)),
  }),
  route({
    method: "post",
    path: "/api/ratings/:id/reason",
    summary:
      "The follow-up gives a bad review's missing reason: its provincial upload is released, its case records it.",
    answer: RatingView,
    errors: ["not_found", "conflict"],
    access: SUPERVISORS,
    body: RatingReasonBody,
    handle: ({ ctx, params, body }) => addRatingReason(ctx, idParam(params), body),
  }),

  // Appointments
  route({
    method: "post",
    path: "/api/appointments",
    summary: "Book an appointment slot.",
    answer: BookedAppointment,
    errors: ["not_found", "item_closed", "cap_reached", "conflict"],
    groupCommit: true,
    access: ["gateway", ...STAFF],
    body: BookAppointmentBody,
    status: 201,
    handle: ({ ctx, principal, body }) =>
      bookAppointment(
        ctx,
        body,
        principal?.kind === "device" ? `device:${principal.deviceId}` : `staff:${staffOf(principal).staffId}`,
      ),
  }),
  route({
    method: "post",
    path: "/api/appointments/check-in",
    summary: "Check an appointment in (staff, one phase): it becomes a ticket; a kiosk reserves instead (409).",
    answer: CheckedInTicket,
    errors: ["not_found", "invalid_state", "item_closed", "cap_reached", "conflict"],
    groupCommit: true,
    access: ["kiosk", ...STAFF],
    body: CheckInBody,
    rateLimit: "issue",
    status: 201,
    handle: ({ ctx, principal, body }) => checkIn(ctx, body, issuerOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/appointments/release-unclaimed",
    summary: "Release today's unclaimed appointments.",
    answer: ReleasedAppointments,
    access: SUPERVISORS,
    body: EmptyBody,
    handle: ({ ctx }) => ({ released: releaseUnclaimed(ctx) }),
  }),
  route({
    method: "get",
    path: "/api/appointments/counts",
    summary: "Today's appointments by state.",
    answer: AppointmentCounts,
    access: SUPERVISORS,
    handle: ({ ctx }) => appointmentCounts(ctx),
  }),

  // Staffing advice for the admin monitor
  route({
    method: "get",
    path: "/api/staffing/advice",
    summary:
      "Staffing advice (临时增开窗口): per item group, the windows needed to keep the expected wait under the group's " +
      "target (Erlang C on the live arrival rate and trend, learned handle times and the staff signed in), and whether " +
      "to open or close one now, with the reason in plain words.",
    answer: StaffingAdvice,
    access: SUPERVISORS,
    handle: ({ ctx }) => staffingAdvice(ctx),
  }),

  // Hall state for screens and consoles
  route({
    method: "get",
    path: "/api/snapshot",
    summary: "The hall's state now (windows, waiting counts, recent calls) and its seq.",
    answer: HallSnapshot,
    access: HALL_WATCHERS,
    handle: ({ ctx }) => snapshot(ctx),
  }),
  route({
    method: "get",
    path: "/api/notices",
    summary: "The scrolling notices in force (not withdrawn, not expired), oldest first.",
    answer: NoticeList,
    access: HALL_WATCHERS,
    handle: ({ ctx }) => ({ notices: noticesInForce(ctx) }),
  }),
  route({
    method: "post",
    path: "/api/notices",
    summary: "Publish a scrolling notice on the hall's screens: 1-300 characters, one line, optional expiresAt.",
    answer: Notice,
    errors: ["conflict"],
    access: SUPERVISORS,
    body: PublishNoticeBody,
    status: 201,
    handle: ({ ctx, principal, body }) => publishNotice(ctx, actorOf(principal), body),
  }),
  route({
    method: "delete",
    path: "/api/notices/:id",
    summary: "Withdraw a scrolling notice: screens drop it (refused when already withdrawn or expired).",
    answer: Notice,
    errors: ["not_found", "invalid_state"],
    access: SUPERVISORS,
    handle: ({ ctx, principal, params }) => withdrawNotice(ctx, actorOf(principal), idParam(params)),
  }),
  route({
    method: "get",
    path: "/api/events",
    summary: "Up to 1,000 events after ?since=<seq>.",
    answer: EventPage,
    access: HALL_WATCHERS,
    query: EventsQuery,
    handle: ({ ctx, query }) => {
      const since = Number(query.since ?? 0);
      if (!Number.isInteger(since) || since < 0)
        throw new AppError("bad_request", "since must be a non-negative integer");
      return { events: ctx.events.since(since, 1000), lastSeq: ctx.events.lastSeq() };
    },
  }),

  // The voice: each call event's announcement as audio, for the hall screen to play in turn.
  route({
    method: "get",
    path: "/api/voice/announcements/:seq",
    summary:
      "The spoken announcement of the ticket.called event with this seq (recall included), as WAV (PCM 16-bit mono): " +
      "chime, then the words voice.repeat times, Mandarin first (English after it when configured).",
    answer: BinaryAnswer,
    produces: "audio/wav",
    headers: { "X-Announcement-Duration-Ms": "How long the audio plays, in whole milliseconds." },
    errors: ["not_found", "voice_unavailable"],
    access: HALL_WATCHERS,
    handle: async ({ ctx, params }) => {
      const audio = await announcementAudio(ctx, idParam(params, "seq"));
      return { bytes: audio.wav, headers: { "X-Announcement-Duration-Ms": String(audio.durationMs) } };
    },
  }),

  // The API reference. Public: it holds no secrets, and an integrator reads it before holding any token.
  route({
    method: "get",
    path: "/api/openapi.json",
    summary: "This API as an OpenAPI 3.1 document.",
    answer: OpenApiAnswer,
    access: ["public"],
    rateLimit: "docs",
    handle: () => openApiDocument(),
  }),
  route({
    method: "get",
    path: "/api/docs",
    summary: "This API's reference as a page (no script; works offline).",
    answer: z.string(),
    produces: "text/html",
    access: ["public"],
    rateLimit: "docs",
    handle: () => (apiDocsPage ??= renderApiDocsPage(openApiDocument())),
  }),
  route({
    method: "get",
    path: "/api/docs/websocket.md",
    summary: "The /ws protocol: authentication, since, snapshot, events, close codes (markdown).",
    answer: z.string(),
    produces: "text/plain",
    access: ["public"],
    rateLimit: "docs",
    handle: () => (websocketDoc ??= readFileSync(new URL("../../docs/websocket.md", import.meta.url), "utf8")),
  }),

  // Administration
  route({
    method: "post",
    path: "/api/admin/purge",
    summary: "Erase personal data past its retention period.",
    answer: PurgeCounts,
    access: ADMIN,
    body: EmptyBody,
    handle: ({ ctx }) => purgePersonalData(ctx),
  }),
];
