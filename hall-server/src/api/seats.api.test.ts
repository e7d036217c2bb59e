import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HallEvent, HallSnapshot } from "@onewindow/contract";
import { releaseLapsedSeats } from "../services/staffSessions.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // A, windows 1-3
const SESSION_MS = 12 * 3_600_000;

type ApiError = { error: { code: string; message: string } };
type Wait = { staffed: boolean };
type SignedOut = Extract<HallEvent, { type: "staff.signed_out" }>;

describe("window seats end with their session", () => {
  let hall: TestHall;
  let admin: string;
  const signOuts = () =>
    hall.server.ctx.events.since(0, 10_000).filter((e): e is SignedOut => e.type === "staff.signed_out");
  const windowOf = async (token: string, number: number) =>
    (await hall.api<HallSnapshot>("GET", "/api/snapshot", undefined, token)).body.windows.find(
      (w) => w.number === number,
    )!;
  const staffIdAt = (number: number) =>
    (
      hall.server.ctx.db.prepare("SELECT staff_id FROM windows WHERE number = ?").get(number) as {
        staff_id: number | null;
      }
    ).staff_id;

  beforeEach(async () => {
    hall = await startTestHall();
    admin = await hall.login("GW001");
  });
  afterEach(async () => hall.close());

  it("when a staff session expires, then the window shows closed, the wait estimate stops counting it and counter actions are refused", async () => {
    const staff = await hall.login("GW005", 1);
    expect((await hall.api<Wait>("GET", `/api/items/${ENQUIRY}/wait`, undefined, admin)).body.staffed).toBe(true);
    hall.clock.advance(SESSION_MS + 1);
    admin = await hall.login("GW001");
    const w1 = await windowOf(admin, 1);
    expect(w1.staff).toBeNull();
    expect(w1.state).toBe("closed");
    expect((await hall.api<Wait>("GET", `/api/items/${ENQUIRY}/wait`, undefined, admin)).body.staffed).toBe(false);
    expect((await hall.api("POST", "/api/counter/call-next", {}, staff)).status).toBe(401);
  });

  it("when another staff member signs in at a window whose session expired, then the window is theirs and the old seat is signed out as expired", async () => {
    await hall.login("GW005", 1);
    hall.clock.advance(SESSION_MS + 1);
    await hall.login("GW007", 1);
    expect(staffIdAt(1)).toBe(hall.server.ctx.catalog.staffByNo.get("GW007")!.id);
    expect(signOuts().map((e) => [e.data.staff.employeeNo, e.data.window.number, e.data.reason])).toEqual([
      ["GW005", 1, "session_expired"],
    ]);
  });

  it("when staff whose session at window 1 expired sign in at window 2, then window 1 is freed instead of refusing", async () => {
    await hall.login("GW005", 1);
    hall.clock.advance(SESSION_MS + 1);
    await hall.login("GW005", 2);
    expect(staffIdAt(1)).toBeNull();
    expect(staffIdAt(2)).toBe(hall.server.ctx.catalog.staffByNo.get("GW005")!.id);
  });

  it("when the housekeeping sweep runs, then only windows without a live session are freed, each with staff.signed_out", async () => {
    await hall.login("GW005", 1);
    hall.clock.advance(SESSION_MS / 2);
    await hall.login("GW007", 2);
    hall.clock.advance(SESSION_MS / 2 + 1);
    const before = hall.server.ctx.events.lastSeq();
    expect(releaseLapsedSeats(hall.server.ctx)).toBe(1);
    expect(staffIdAt(1)).toBeNull();
    expect(staffIdAt(2)).not.toBeNull();
    const fresh = hall.server.ctx.events.since(before, 100);
    expect(fresh.map((e) => e.type)).toEqual(["staff.signed_out"]);
    expect((fresh[0] as SignedOut).data.reason).toBe("session_expired");
    expect(releaseLapsedSeats(hall.server.ctx)).toBe(0);
    expect(hall.server.ctx.events.lastSeq()).toBe(before + 1);
  });

  it("when the counter device a staff member signed in through is revoked, then the window is freed in the same change", async () => {
    await hall.login("GW005", 3);
    const { device_id } = hall.server.ctx.db
      .prepare("SELECT device_id FROM sessions WHERE window_id IS NOT NULL")
      .get() as { device_id: number };
    expect((await hall.api("DELETE", `/api/devices/${device_id}`, undefined, admin)).status).toBe(200);
    expect(staffIdAt(3)).toBeNull();
    expect(signOuts().at(-1)?.data).toMatchObject({ window: { number: 3 }, reason: "device_revoked" });
  });

  describe("POST /api/windows/:number/release", () => {
    it("when a supervisor releases the window of someone who walked away, then it is freed, audited and their token stops working", async () => {
      const staff = await hall.login("GW005", 2);
      const supervisor = await hall.login("GW002");
      const res = await hall.api<{ window: { number: number } }>("POST", "/api/windows/2/release", {}, supervisor);
      expect(res.status).toBe(200);
      expect(res.body.window.number).toBe(2);
      expect(staffIdAt(2)).toBeNull();
      expect(signOuts().at(-1)?.data.reason).toBe("released_by_supervisor");
      const audit = hall.server.ctx.db.prepare("SELECT action, detail FROM audit").all();
      expect(audit).toEqual([
        { action: "release_window", detail: JSON.stringify({ windowNumber: 2, employeeNo: "GW005" }) },
      ]);
      expect((await hall.api("GET", "/api/snapshot", undefined, staff)).status).toBe(401);
      // The window is free for the next person.
      await hall.login("GW007", 2);
    });

    it("when a ticket is being called at the window, then 409 window_busy and nothing changes", async () => {
      await hall.takeAtKiosk(hall.device("kiosk"), { issue: { itemCode: ENQUIRY } });
      const staff = await hall.login("GW005", 1);
      expect((await hall.api("POST", "/api/counter/call-next", {}, staff)).status).toBe(200);
      const supervisor = await hall.login("GW002");
      const seq = hall.server.ctx.events.lastSeq();
      const res = await hall.api<ApiError>("POST", "/api/windows/1/release", {}, supervisor);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("window_busy");
      expect(res.body.error.message).toContain("A001");
      expect(staffIdAt(1)).not.toBeNull();
      expect(hall.server.ctx.events.lastSeq()).toBe(seq);
      expect((await hall.api("POST", "/api/counter/start", {}, staff)).status).toBe(200);
    });

    it("when nobody sits at the window or it does not exist, then a clear 409 or 404", async () => {
      const supervisor = await hall.login("GW002");
      const empty = await hall.api<ApiError>("POST", "/api/windows/5/release", {}, supervisor);
      expect(empty.status).toBe(409);
      expect(empty.body.error.message).toContain("nobody is signed in at window 5");
      const missing = await hall.api<ApiError>("POST", "/api/windows/999/release", {}, supervisor);
      expect(missing.status).toBe(404);
    });

    it("when a staff member (not a supervisor) tries it, then 403", async () => {
      await hall.login("GW005", 1);
      const other = await hall.login("GW007", 2);
      expect((await hall.api("POST", "/api/windows/1/release", {}, other)).status).toBe(403);
      expect(staffIdAt(1)).not.toBeNull();
    });
  });
});
