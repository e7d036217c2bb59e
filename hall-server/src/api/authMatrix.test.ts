import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../testing/testHall.ts";
import type { Access } from "./route.ts";
import { routes } from "./routes.ts";

// Every role x every endpoint: a caller outside a route's access list gets 401 (no token) or 403 (wrong role);
// a caller inside it gets past the access check (any status but 401/403). Bodies are deliberately invalid, so
// allowed POSTs stop at validation and change nothing.
const callers: Access[] = ["public", "kiosk", "counter", "screen", "gateway", "staff", "supervisor", "admin"];

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

  const cases = routes.flatMap((r) =>
    callers.map((caller) => ({ r, caller, allowed: r.access.includes("public") || r.access.includes(caller) })),
  );

  it.each(
    cases.map(
      (c) => [`${c.r.method.toUpperCase()} ${c.r.path}`, c.caller, c.allowed ? "allowed" : "refused", c] as const,
    ),
  )("%s as %s is %s", async (_name, caller, _verdict, c) => {
    const path = c.r.path
      .replace(":id", "999999")
      .replace(":token", "no-such-token")
      .replace(":code", "NO-SUCH-ITEM")
      .replace(":employeeNo", "NOBODY");
    const res = await hall.api<{ error?: { code: string } }>(
      c.r.method.toUpperCase(),
      path,
      c.r.method === "get" || c.r.method === "delete" ? undefined : { __probe: true },
      tokens.get(caller),
    );
    if (c.allowed) expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(caller === "public" ? 401 : 403);
  });

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
