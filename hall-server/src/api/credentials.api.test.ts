// Setting and resetting staff credentials over the admin API, and the operator token the CLI uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newToken } from "../security/index.ts";
import { demoAdminPassword, startTestHall, type TestHall } from "../testing/testHall.ts";

const OPERATOR = newToken();
let hall: TestHall;
let admin: string;

beforeAll(async () => {
  hall = await startTestHall({ operatorToken: OPERATOR });
  admin = await hall.login("GW001");
});
afterAll(() => hall.close());

const signIn = (employeeNo: string, secret: { pin: string } | { password: string }, windowNumber?: number) =>
  hall.api(
    "POST",
    "/api/auth/login",
    { employeeNo, ...secret, ...(windowNumber ? { windowNumber } : {}) },
    windowNumber ? hall.device("counter", windowNumber) : undefined,
  );

describe("staff credentials over the admin API", () => {
  it("when an admin sets a staff PIN, then the new PIN signs in at a window and the old one does not", async () => {
    const res = await hall.api("PUT", "/api/staff/GW007/pin", { pin: "24681357" }, admin);
    expect(res).toMatchObject({ status: 200, body: { employeeNo: "GW007" } });
    expect((await signIn("GW007", { pin: "24681357" }, 7)).status).toBe(200);
    expect((await signIn("GW008", { pin: "24681357" }, 8)).status).toBe(401);
    const audit = hall.server.ctx.db.prepare("SELECT actor, action, detail FROM audit WHERE action = 'set_pin'").all();
    const adminId = hall.server.ctx.catalog.staffByNo.get("GW001")!.id;
    expect(audit).toEqual([{ actor: `staff:${adminId}`, action: "set_pin", detail: '{"employeeNo":"GW007"}' }]);
  });

  it.each([
    ["1234", "PIN must be 6-12 digits"],
    ["12345a", "PIN must be 6-12 digits"],
    ["1234567890123", "PIN must be 6-12 digits"],
  ])("when the PIN is %j, then 400 names the one PIN rule and nothing changes", async (pin, message) => {
    const res = await hall.api<{ error: { message: string } }>("PUT", "/api/staff/GW009/pin", { pin }, admin);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect((await signIn("GW009", { pin: "123456" }, 9)).status).toBe(200);
  });

  it("when sign-in is given a 4-digit PIN, then the same rule refuses it", async () => {
    const res = await hall.api<{ error: { message: string } }>("POST", "/api/auth/login", {
      employeeNo: "GW010",
      pin: "1234",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("PIN must be 6-12 digits");
  });

  it("when the employee number is unknown or a supervisor asks, then it is refused", async () => {
    expect((await hall.api("PUT", "/api/staff/NOBODY/pin", { pin: "123456" }, admin)).status).toBe(404);
    const supervisor = await hall.login("GW002");
    expect((await hall.api("PUT", "/api/staff/GW011/pin", { pin: "654321" }, supervisor)).status).toBe(403);
  });

  it("when the operator token comes from this machine, then it acts as admin, audited as cli", async () => {
    const res = await hall.api("PUT", "/api/staff/GW001/password", { password: "a-new-admin-password" }, OPERATOR);
    expect(res.status).toBe(200);
    expect((await signIn("GW001", { password: "a-new-admin-password" })).status).toBe(200);
    expect((await signIn("GW001", { password: demoAdminPassword })).status).toBe(401);
    const actors = hall.server.ctx.db.prepare("SELECT actor FROM audit WHERE action = 'set_password'").all();
    expect(actors).toEqual([{ actor: "cli" }]);
    const unlocked = await hall.api("POST", "/api/staff/GW012/unlock", {}, OPERATOR);
    expect(unlocked).toMatchObject({ status: 200, body: { employeeNo: "GW012", cleared: 0 } });
  });
});
