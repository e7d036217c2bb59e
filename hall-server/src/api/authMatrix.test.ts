import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestHall, type TestHall } from "../testing/testHall.ts";
import type { Access } from "./route.ts";
import { routes } from "./routes.ts";

// Every role x every endpoint: a caller outside a route's access list gets 401 (no token) or 403 (wrong role);
// a caller inside it gets past the access check (any status but 401/403). Bodies are deliberately invalid, so
// allowed POSTs stop at validation (400 bad_request) and change nothing.
const callers: Access[] = ["public", "kiosk", "counter", "screen", "gateway", "staff", "supervisor", "admin"];

const STAFF: Access[] = ["staff", "supervisor", "admin"];
const SUPERVISORS: Access[] = ["supervisor", "admin"];
const ADMIN: Access[] = ["admin"];
const ANYONE: Access[] = ["public"];
const WATCHERS: Access[] = ["kiosk", "counter", "screen", ...STAFF];

/**
 * Who SHOULD reach each endpoint, written out by hand: the routes' own `access` lists are checked against this,
 * so an endpoint declared too open (or a new one nobody classified) fails here instead of passing by construction.
 */
const expected: Record<string, Access[]> = {
  "GET /health": ANYONE,
  "GET /api/catalog": ["kiosk", "counter", "screen", "gateway", ...STAFF],
  "GET /api/catalog/export": ADMIN,
  "POST /api/catalog/import": ADMIN,
  "POST /api/devices": ADMIN,
  "GET /api/devices": SUPERVISORS,
  "DELETE /api/devices/:id": ADMIN,
  "POST /api/devices/pair": ANYONE,
  "POST /api/devices/self/health": ["kiosk", "counter", "screen"],
  // Only kiosks get commands (a reprint): only a kiosk answers one, and only its own (else 404).
  "POST /api/devices/self/commands/:id/result": ["kiosk"],
  "POST /api/auth/login": ANYONE,
  "POST /api/auth/logout": STAFF,
  "POST /api/windows/:number/release": SUPERVISORS,
  "POST /api/tickets": ["kiosk", "gateway", ...STAFF],
  "GET /api/items/:code/wait": ["kiosk", "gateway", "screen", ...STAFF],
  // The two-phase issue: a kiosk reserves, then confirms printed or voids; a supervisor may void a stuck one.
  "POST /api/tickets/reservations": ["kiosk"],
  "POST /api/tickets/:id/printed": ["kiosk"],
  "POST /api/tickets/:id/void": ["kiosk", ...SUPERVISORS],
  "POST /api/tickets/:id/reprint": STAFF,
  "GET /api/tickets/ledger": SUPERVISORS,
  "PUT /api/staff/:employeeNo/skills": SUPERVISORS,
  "GET /api/staff/lockouts": SUPERVISORS,
  "POST /api/staff/:employeeNo/unlock": SUPERVISORS,
  "PUT /api/staff/:employeeNo/pin": ADMIN,
  "PUT /api/staff/:employeeNo/password": ADMIN,
  // The window screen shows who serves; only an admin changes the picture.
  "GET /api/staff/:employeeNo/photo": WATCHERS,
  "PUT /api/staff/:employeeNo/photo": ADMIN,
  "DELETE /api/staff/:employeeNo/photo": ADMIN,
  "GET /api/tickets/:id": ["counter", ...STAFF],
  "POST /api/tickets/:id/cancel": STAFF,
  "POST /api/tickets/:id/reactivate": STAFF,
  "GET /api/public/tickets/:token": ANYONE,
  "GET /api/counter/waiting": STAFF,
  "POST /api/counter/call-next": STAFF,
  "POST /api/counter/call": STAFF,
  "POST /api/counter/recall": STAFF,
  "POST /api/counter/start": STAFF,
  "POST /api/counter/finish": STAFF,
  "POST /api/counter/no-show": STAFF,
  "POST /api/counter/transfer": STAFF,
  "POST /api/counter/hold": STAFF,
  "POST /api/counter/unhold": STAFF,
  "POST /api/counter/pause": STAFF,
  "POST /api/counter/resume": STAFF,
  "POST /api/appointments": ["gateway", ...STAFF],
  // Ratings: the counter's agent submits for its window; supervisors read them and give a bad review's reason.
  "POST /api/ratings": ["counter"],
  "GET /api/ratings": SUPERVISORS,
  "GET /api/ratings/indicators": ["counter", ...STAFF],
  "GET /api/ratings/:id": SUPERVISORS,
  "POST /api/ratings/:id/reason": SUPERVISORS,
  "POST /api/appointments/check-in": ["kiosk", ...STAFF],
  "POST /api/appointments/release-unclaimed": SUPERVISORS,
  "GET /api/appointments/counts": SUPERVISORS,
  "GET /api/staffing/advice": SUPERVISORS,
  "GET /api/snapshot": WATCHERS,
  "GET /api/events": WATCHERS,
  "GET /api/notices": WATCHERS,
  "POST /api/notices": SUPERVISORS,
  "DELETE /api/notices/:id": SUPERVISORS,
  "GET /api/voice/announcements/:seq": WATCHERS,
  "POST /api/admin/purge": ADMIN,
  "GET /api/openapi.json": ANYONE,
  "GET /api/docs": ANYONE,
  "GET /api/docs/websocket.md": ANYONE,
  "GET /ws": WATCHERS,
};

/** Callers an access list lets in ("public" lets everyone in). */
const admitted = (access: readonly Access[]): Access[] =>
  access.includes("public") ? callers : callers.filter((c) => access.includes(c));

const keyOf = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

/** HTTP status of a WebSocket upgrade to /ws (101 when it opened). */
function wsStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once("open", () => (ws.close(), resolve(101)));
    ws.once("unexpected-response", (_req, res) => (ws.terminate(), resolve(res.statusCode ?? 0)));
    ws.once("error", reject);
  });
}

describe("auth matrix", () => {
  let hall: TestHall;
  const tokens = new Map<Access, string | undefined>();
  beforeAll(async () => {
    hall = await startTestHall();
    tokens.set("public", undefined);
    tokens.set("kiosk", hall.device("kiosk"));
    tokens.set("counter", hall.device("counter", 4));
    tokens.set("screen", hall.device("screen"));
    tokens.set("gateway", hall.device("gateway"));
    tokens.set("staff", await hall.login("GW005", 1));
    tokens.set("supervisor", await hall.login("GW002"));
    tokens.set("admin", await hall.login("GW001"));
  });
  afterAll(async () => hall.close());

  it("when the routes are listed, then each has exactly the access the expected table gives it, and the table names no route that is gone", () => {
    const declared = Object.fromEntries(routes.map((r) => [keyOf(r), admitted(r.access)]));
    const wanted = Object.fromEntries(
      Object.entries(expected)
        .filter(([key]) => key !== "GET /ws")
        .map(([key, access]) => [key, admitted(access)]),
    );
    expect(declared).toEqual(wanted);
  });

  const cases = routes.flatMap((r) =>
    callers.map((caller) => ({ r, caller, allowed: admitted(expected[keyOf(r)] ?? []).includes(caller) })),
  );

  it.each(cases.map((c) => [keyOf(c.r), c.caller, c.allowed ? "allowed" : "refused", c] as const))(
    "%s as %s is %s",
    async (_name, caller, _verdict, c) => {
      const path = c.r.path
        .replace(":id", "999999")
        .replace(":number", "999")
        .replace(":token", "no-such-token")
        .replace(":code", "NO-SUCH-ITEM")
        .replace(":employeeNo", "NOBODY")
        .replace(":seq", "999999");
      const withBody = c.r.body !== undefined;
      const seq = hall.server.ctx.events.lastSeq();
      const res = await hall.api<{ error?: { code: string } }>(
        c.r.method.toUpperCase(),
        path,
        withBody ? { __probe: true } : undefined,
        tokens.get(caller),
      );
      if (!c.allowed) expect(res.status).toBe(caller === "public" ? 401 : 403);
      else if (withBody) {
        // Past the access check, a bad body is refused before anything happens.
        expect(res.status).toBe(400);
        expect(res.body.error?.code).toBe("bad_request");
      } else expect([401, 403]).not.toContain(res.status);
      expect(hall.server.ctx.events.lastSeq()).toBe(seq);
    },
  );

  it.each(callers.map((caller) => [caller, admitted(expected["GET /ws"]!).includes(caller)] as const))(
    "GET /ws as %s is allowed: %s",
    async (caller, allowed) => {
      const token = tokens.get(caller);
      const status = await wsStatus(`${hall.url.replace("http", "ws")}/ws${token ? `?token=${token}` : ""}`);
      expect(status).toBe(allowed ? 101 : caller === "public" ? 401 : 403);
    },
  );

  it("when a token is unknown or malformed, then 401 on every protected route", async () => {
    expect((await hall.api("GET", "/api/snapshot", undefined, "x".repeat(43))).status).toBe(401);
    const res = await fetch(`${hall.url}/api/snapshot`, { headers: { authorization: "Basic abc" } });
    expect(res.status).toBe(401);
  });

  it("when a device is revoked, then its token stops working at once", async () => {
    const token = hall.device("screen");
    const id = (hall.server.ctx.db.prepare("SELECT max(id) AS id FROM devices").get() as { id: number }).id;
    expect((await hall.api("GET", "/api/snapshot", undefined, token)).status).toBe(200);
    expect((await hall.api("DELETE", `/api/devices/${id}`, undefined, tokens.get("admin"))).status).toBe(200);
    expect((await hall.api("GET", "/api/snapshot", undefined, token)).status).toBe(401);
  });

  it("when staff sign out or their session expires, then the token stops working at once", async () => {
    const staff = await hall.login("GW007", 2);
    expect((await hall.api("GET", "/api/snapshot", undefined, staff)).status).toBe(200);
    expect((await hall.api("POST", "/api/auth/logout", {}, staff)).status).toBe(200);
    expect((await hall.api("GET", "/api/snapshot", undefined, staff)).status).toBe(401);
    const supervisor = await hall.login("GW003");
    expect((await hall.api("GET", "/api/snapshot", undefined, supervisor)).status).toBe(200);
    hall.clock.advance(12 * 3_600_000 + 1);
    expect((await hall.api("GET", "/api/snapshot", undefined, supervisor)).status).toBe(401);
  });
});
