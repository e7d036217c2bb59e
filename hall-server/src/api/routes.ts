/** Every endpoint of the hall-server, with who may call it. Handlers only parse, call a use case, serialise. */
import {
  BookAppointmentBody,
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
  SkillList,
  StaffLoginBody,
  TicketChoiceBody,
  TransferBody,
  type PublicTicketStatus,
  UnholdBody,
} from "@onewindow/contract";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { appointmentCounts, bookAppointment, checkIn, releaseUnclaimed } from "../services/appointments.ts";
import { callableTickets, callNext, callTicket, recall } from "../services/calls.ts";
import { exportCatalogJson, importCatalogJson } from "../services/catalogAdmin.ts";
import { createDevice, listDevices, pairDevice, reportHealth, revokeDevice } from "../services/devices.ts";
import { purgePersonalData } from "../services/maintenance.ts";
import { finishService, holdTicket, noShow, startService, transferTicket, unholdTicket } from "../services/serving.ts";
import { snapshot } from "../services/snapshot.ts";
import { listLockouts, unlockSignIn } from "../services/signInGuard.ts";
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
import { actorOf, deviceOf, idParam, stationOf, staffOf } from "./principalOf.ts";
import { ADMIN, ANY_AUTHENTICATED, HALL_WATCHERS, STAFF, SUPERVISORS, route, type Route } from "./route.ts";
import type { Principal } from "../services/principal.ts";

const EmptyBody = z.strictObject({});
const SkillsBody = z.strictObject({ skills: SkillList.max(500) });

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
  route({ method: "get", path: "/health", access: ["public"], rateLimit: "health", handle: () => ({ ok: true }) }),

  // Catalogue
  route({
    method: "get",
    path: "/api/catalog",
    access: ANY_AUTHENTICATED,
    handle: ({ ctx }) => exportCatalogJson(ctx, { withStaff: false }),
  }),
  route({
    method: "get",
    path: "/api/catalog/export",
    access: ADMIN,
    handle: ({ ctx }) => exportCatalogJson(ctx, { withStaff: true }),
  }),
  route({
    method: "post",
    path: "/api/catalog/import",
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
    access: ADMIN,
    body: CreateDeviceBody,
    status: 201,
    handle: ({ ctx, body }) => createDevice(ctx, body),
  }),
  route({ method: "get", path: "/api/devices", access: SUPERVISORS, handle: ({ ctx }) => listDevices(ctx) }),
  route({
    method: "delete",
    path: "/api/devices/:id",
    access: ADMIN,
    handle: ({ ctx, params }) => (revokeDevice(ctx, idParam(params)), { revoked: true }),
  }),
  route({
    method: "post",
    path: "/api/devices/pair",
    access: ["public"],
    body: PairDeviceBody,
    rateLimit: "pairing",
    handle: ({ ctx, body }) => pairDevice(ctx, body.code),
  }),
  route({
    method: "post",
    path: "/api/devices/self/health",
    access: ["kiosk", "counter", "screen"],
    body: DeviceHealthBody,
    handle: ({ ctx, principal, body }) => (reportHealth(ctx, deviceOf(principal).deviceId, body.devices), { ok: true }),
  }),

  // Staff sessions
  route({
    method: "post",
    path: "/api/auth/login",
    access: ["public", "counter"],
    body: StaffLoginBody,
    rateLimit: "login",
    handle: ({ ctx, principal, body, source }) => staffLogin(ctx, body, principal, source),
  }),
  route({
    method: "post",
    path: "/api/auth/logout",
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => (staffLogout(ctx, staffOf(principal)), { ok: true }),
  }),

  route({
    method: "post",
    path: "/api/windows/:number/release",
    access: SUPERVISORS,
    body: EmptyBody,
    handle: ({ ctx, principal, params }) => releaseWindow(ctx, staffOf(principal).staffId, idParam(params, "number")),
  }),

  // Tickets
  route({
    method: "post",
    path: "/api/tickets",
    groupCommit: true,
    access: ["kiosk", "gateway", ...STAFF],
    body: IssueTicketBody,
    rateLimit: "issue",
    status: 201,
    handle: ({ ctx, principal, body }) => issueTicket(ctx, body, issuerOf(principal)),
  }),
  route({
    method: "get",
    path: "/api/items/:code/wait",
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
    access: SUPERVISORS,
    handle: ({ ctx }) => listLockouts(ctx),
  }),
  route({
    method: "post",
    path: "/api/staff/:employeeNo/unlock",
    access: SUPERVISORS,
    body: EmptyBody,
    handle: ({ ctx, principal, params }) => unlockSignIn(ctx, staffOf(principal).staffId, params.employeeNo ?? ""),
  }),
  route({
    method: "put",
    path: "/api/staff/:employeeNo/skills",
    access: SUPERVISORS,
    body: SkillsBody,
    handle: ({ ctx, principal, params, body }) =>
      setSkills(ctx, staffOf(principal).staffId, params.employeeNo ?? "", body.skills),
  }),
  route({
    method: "get",
    path: "/api/tickets/:id",
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
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, params }) => cancelTicket(ctx, idParam(params)),
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/reactivate",
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, params }) => reactivateTicket(ctx, idParam(params)),
  }),
  route({
    method: "get",
    path: "/api/public/tickets/:token",
    access: ["public"],
    rateLimit: "ticketStatus",
    handle: ({ ctx, params }): PublicTicketStatus => {
      const t = ctx.store.tickets.byPublicToken(params.token ?? "");
      if (!t) throw new AppError("not_found", "no such ticket");
      const view = ticketView(ctx, t);
      // Public page: no personal data at all, not even masked.
      return {
        number: view.number,
        itemName: view.itemName,
        state: view.state,
        windowNumber: view.windowNumber,
        ...(t.state === "waiting" ? waitInfo(ctx, t.item_id, t.id) : {}),
      };
    },
  }),

  // Counter: the signed-in staff member's window
  route({
    method: "get",
    path: "/api/counter/waiting",
    access: STAFF,
    handle: ({ ctx, principal }) => {
      const s = stationOf(principal);
      return callableTickets(ctx, s.staffId, s.windowId);
    },
  }),
  route({
    method: "post",
    path: "/api/counter/call-next",
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => callNext(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/call",
    groupCommit: true,
    access: STAFF,
    body: CallTicketBody,
    handle: ({ ctx, principal, body }) => callTicket(ctx, stationOf(principal), chosenTicketId(ctx, body)),
  }),
  route({
    method: "post",
    path: "/api/counter/recall",
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => recall(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/start",
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => startService(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/finish",
    groupCommit: true,
    access: STAFF,
    body: FinishBody,
    handle: ({ ctx, principal, body }) => finishService(ctx, stationOf(principal), body.handledItemCodes),
  }),
  route({
    method: "post",
    path: "/api/counter/no-show",
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => noShow(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/transfer",
    groupCommit: true,
    access: STAFF,
    body: TransferBody,
    handle: ({ ctx, principal, body }) => transferTicket(ctx, stationOf(principal), body),
  }),
  route({
    method: "post",
    path: "/api/counter/hold",
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => holdTicket(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/unhold",
    groupCommit: true,
    access: STAFF,
    body: UnholdBody,
    handle: ({ ctx, principal, body }) => unholdTicket(ctx, stationOf(principal), chosenTicketId(ctx, body)),
  }),
  route({
    method: "post",
    path: "/api/counter/pause",
    groupCommit: true,
    access: STAFF,
    body: PauseBody,
    handle: ({ ctx, principal, body }) => (pauseWindow(ctx, staffOf(principal), body.reason), { ok: true }),
  }),
  route({
    method: "post",
    path: "/api/counter/resume",
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => (resumeWindow(ctx, staffOf(principal)), { ok: true }),
  }),

  // Appointments
  route({
    method: "post",
    path: "/api/appointments",
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
    access: SUPERVISORS,
    body: EmptyBody,
    handle: ({ ctx }) => ({ released: releaseUnclaimed(ctx) }),
  }),
  route({
    method: "get",
    path: "/api/appointments/counts",
    access: SUPERVISORS,
    handle: ({ ctx }) => appointmentCounts(ctx),
  }),

  // Hall state for screens and consoles
  route({ method: "get", path: "/api/snapshot", access: HALL_WATCHERS, handle: ({ ctx }) => snapshot(ctx) }),
  route({
    method: "get",
    path: "/api/events",
    access: HALL_WATCHERS,
    handle: ({ ctx, query }) => {
      const since = Number(query.since ?? 0);
      if (!Number.isInteger(since) || since < 0)
        throw new AppError("bad_request", "since must be a non-negative integer");
      return { events: ctx.events.since(since, 1000), lastSeq: ctx.events.lastSeq() };
    },
  }),

  // Administration
  route({
    method: "post",
    path: "/api/admin/purge",
    access: ADMIN,
    body: EmptyBody,
    handle: ({ ctx }) => purgePersonalData(ctx),
  }),
];
