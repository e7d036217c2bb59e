import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HallEvent, TicketView } from "@onewindow/contract";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // A, windows 1-3
const MAILING = "11441702007046212W200010200100"; // A, windows 1-3

type ApiError = { error: { code: string; message: string } };
type Issued = { ticket: TicketView };

describe("counter actions over real HTTP", () => {
  let hall: TestHall;
  let kiosk: string;
  const issue = async (itemCode = ENQUIRY) =>
    (await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode } })).body.ticket;
  const events = () => hall.server.ctx.events.since(0, 10_000);

  beforeEach(async () => {
    hall = await startTestHall();
    kiosk = hall.device("kiosk");
  });
  afterEach(async () => hall.close());

  it("when staff sign in at window 3 and call next, then the oldest ticket is called and the call event carries the announcement", async () => {
    const a1 = await issue();
    await issue();
    const staff = await hall.login("GW005", 3);
    const called = await hall.api<TicketView>("POST", "/api/counter/call-next", {}, staff);
    expect(called.status).toBe(200);
    expect(called.body.number).toBe(a1.number);
    expect(called.body.windowNumber).toBe(3);
    const call = events().find((e) => e.type === "ticket.called") as Extract<HallEvent, { type: "ticket.called" }>;
    expect(call.data.announcement.zh).toBe("请 A001 号到 3 号窗口办理");
    expect(call.data.window.number).toBe(3);
    expect(call.data.waiting[ENQUIRY]).toBe(1);
    expect(call.data.reason).toBe("normal");
  });

  it("when a window already has a ticket, then call-next is refused (one ticket in service per window)", async () => {
    await issue();
    await issue();
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    const second = await hall.api<ApiError>("POST", "/api/counter/call-next", {}, staff);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("window_busy");
  });

  it("when a staff member signs in at a second window, then it is refused until they sign out", async () => {
    await hall.login("GW005", 1);
    const counter2 = hall.device("counter", 2);
    const res = await hall.api<ApiError>(
      "POST",
      "/api/auth/login",
      { employeeNo: "GW005", pin: "123456", windowNumber: 2 },
      counter2,
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("window 1");
  });

  it("when a PIN is guessed five times, then the account is locked, even for the right PIN, for 15 minutes", async () => {
    const counter = hall.device("counter", 1);
    const attempt = (pin: string) =>
      hall.api<ApiError>("POST", "/api/auth/login", { employeeNo: "GW005", pin, windowNumber: 1 }, counter);
    for (let i = 0; i < 5; i++) expect((await attempt(`00000${i}`)).status).toBe(401);
    const locked = await attempt("123456");
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toContain("locked");
    hall.clock.advance(15 * 60_000 + 1);
    expect((await attempt("123456")).status).toBe(200);
  });

  it("when the PIN is wrong, then 401 and the window stays closed", async () => {
    const counter = hall.device("counter", 1);
    const res = await hall.api<ApiError>(
      "POST",
      "/api/auth/login",
      { employeeNo: "GW005", pin: "000000", windowNumber: 1 },
      counter,
    );
    expect(res.status).toBe(401);
    expect(events().some((e) => e.type === "staff.signed_in")).toBe(false);
  });

  it("when a ticket is recalled past the limit, then it becomes a no-show, and can be reactivated into its queue", async () => {
    const t = await issue();
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    const r1 = await hall.api<{ noShow: boolean; ticket: TicketView }>("POST", "/api/counter/recall", {}, staff);
    const r2 = await hall.api<{ noShow: boolean }>("POST", "/api/counter/recall", {}, staff);
    const r3 = await hall.api<{ noShow: boolean; ticket: TicketView }>("POST", "/api/counter/recall", {}, staff);
    expect([r1.body.noShow, r2.body.noShow, r3.body.noShow]).toEqual([false, false, true]);
    expect(r1.body.ticket.recallCount).toBe(1);
    expect(r3.body.ticket.state).toBe("no_show");
    const calls = events().filter(
      (e): e is Extract<HallEvent, { type: "ticket.called" }> => e.type === "ticket.called",
    );
    expect(calls.map((c) => c.data.recall)).toEqual([0, 1, 2]);
    expect(calls.map((c) => c.data.reason)).toEqual(["normal", "recall", "recall"]);

    const back = await hall.api<TicketView>("POST", `/api/tickets/${t.id}/reactivate`, {}, staff);
    expect(back.body.state).toBe("waiting");
    expect(back.body.arrivedAt).toBe(t.arrivedAt);
    const again = await hall.api<TicketView>("POST", "/api/counter/call-next", {}, staff);
    expect(again.body.number).toBe(t.number);
  });

  it("when a no-show is older than the reactivation window, then reactivation is refused", async () => {
    const t = await issue();
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await hall.api("POST", "/api/counter/no-show", {}, staff);
    hall.clock.advance(31 * 60_000);
    const res = await hall.api<ApiError>("POST", `/api/tickets/${t.id}/reactivate`, {}, staff);
    expect(res.status).toBe(409);
  });

  it("when a ticket is transferred to another staff member, then it keeps number and arrival and only they get it", async () => {
    const t = await issue();
    const a = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, a);
    await hall.api("POST", "/api/counter/start", {}, a);
    const moved = await hall.api<TicketView>(
      "POST",
      "/api/counter/transfer",
      { itemCode: MAILING, toEmployeeNo: "GW006", note: "邮寄" },
      a,
    );
    expect(moved.status).toBe(200);
    expect(moved.body.number).toBe(t.number);
    expect(moved.body.arrivedAt).toBe(t.arrivedAt);
    expect(moved.body.itemCode).toBe(MAILING);
    // GW005 may not take it back by call-next; GW006 at window 2 gets it.
    const none = await hall.api<ApiError>("POST", "/api/counter/call-next", {}, a);
    expect(none.body.error.code).toBe("no_ticket");
    const b = await hall.login("GW006", 2);
    const got = await hall.api<TicketView>("POST", "/api/counter/call-next", {}, b);
    expect(got.body.number).toBe(t.number);
    const row = hall.server.ctx.db.prepare("SELECT first_staff_id FROM tickets WHERE id = ?").get(t.id) as {
      first_staff_id: number;
    };
    expect(row.first_staff_id).toBe(hall.server.ctx.catalog.staffByNo.get("GW005")!.id);
  });

  it("when a window pauses, then it cannot call until it resumes, and a pause needs a reason", async () => {
    await issue();
    const staff = await hall.login("GW005", 1);
    expect((await hall.api("POST", "/api/counter/pause", {}, staff)).status).toBe(400);
    expect((await hall.api("POST", "/api/counter/pause", { reason: "午休" }, staff)).status).toBe(200);
    const refused = await hall.api<ApiError>("POST", "/api/counter/call-next", {}, staff);
    expect(refused.body.error.message).toContain("paused");
    await hall.api("POST", "/api/counter/resume", {}, staff);
    expect((await hall.api("POST", "/api/counter/call-next", {}, staff)).status).toBe(200);
  });

  it("when staff call a chosen ticket out of order, then it is called and audited", async () => {
    await issue();
    const second = await issue();
    const staff = await hall.login("GW005", 1);
    const res = await hall.api<TicketView>("POST", "/api/counter/call", { ticketId: second.id }, staff);
    expect(res.body.number).toBe(second.number);
    const audit = hall.server.ctx.db.prepare("SELECT action FROM audit").all();
    expect(audit).toEqual([{ action: "call_chosen" }]);
    const call = events().find((e) => e.type === "ticket.called") as Extract<HallEvent, { type: "ticket.called" }>;
    expect(call.data).toMatchObject({ chosen: true, reason: "chosen" });
  });

  it("when a service finishes with two items handled, then both are recorded and the window is free", async () => {
    const t = await issue();
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await hall.api("POST", "/api/counter/start", {}, staff);
    hall.clock.advance(7 * 60_000);
    const done = await hall.api<TicketView>(
      "POST",
      "/api/counter/finish",
      { handledItemCodes: [ENQUIRY, MAILING] },
      staff,
    );
    expect(done.body.state).toBe("done");
    const handled = hall.server.ctx.db
      .prepare("SELECT count(*) AS n FROM requests WHERE ticket_id = ? AND handled = 1")
      .get(t.id);
    expect(handled).toEqual({ n: 2 });
    expect((await hall.api("POST", "/api/auth/logout", {}, staff)).status).toBe(200);
  });

  it("when staff sign out with a ticket still called, then it is refused with what frees the window", async () => {
    const t = await issue();
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    const res = await hall.api<ApiError>("POST", "/api/auth/logout", {}, staff);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "window_busy",
      message: `window 1 has called ticket ${t.number}: start it, mark it a no-show or transfer it first`,
    });
  });

  it("when a supervisor assigns skills, then the staff member serves exactly those items", async () => {
    await issue(ENQUIRY);
    const supervisor = await hall.login("GW002");
    const bad = await hall.api<ApiError>(
      "PUT",
      "/api/staff/GW005/skills",
      { skills: [{ itemCode: "NOPE", weight: 5 }] },
      supervisor,
    );
    expect(bad.status).toBe(400);
    const res = await hall.api(
      "PUT",
      "/api/staff/GW005/skills",
      { skills: [{ itemCode: MAILING, weight: 7 }] },
      supervisor,
    );
    expect(res.status).toBe(200);
    const staff = await hall.login("GW005", 1);
    const none = await hall.api<ApiError>("POST", "/api/counter/call-next", {}, staff);
    expect(none.body.error.code).toBe("no_ticket");
  });

  it("when one window calls next twice at once, then one call wins and the other is refused as window_busy", async () => {
    await issue();
    await issue();
    const a = await hall.login("GW005", 1);
    const [a1, a2] = await Promise.all([
      hall.api<TicketView | ApiError>("POST", "/api/counter/call-next", {}, a),
      hall.api<TicketView | ApiError>("POST", "/api/counter/call-next", {}, a),
    ]);
    expect([a1.status, a2.status].sort()).toEqual([200, 409]);
    const loser = (a1.status === 409 ? a1 : a2).body as ApiError;
    expect(loser.error.code).toBe("window_busy");
    const called = hall.server.ctx.db.prepare("SELECT count(*) AS n FROM tickets WHERE state = 'called'").get();
    expect(called).toEqual({ n: 1 });
  });

  it("when two windows call next at once for the only waiting ticket, then exactly one gets it and the other is told nobody waits", async () => {
    const only = await issue();
    const a = await hall.login("GW005", 1);
    const b = await hall.login("GW006", 2);
    const results = await Promise.all([
      hall.api<TicketView | ApiError>("POST", "/api/counter/call-next", {}, a),
      hall.api<TicketView | ApiError>("POST", "/api/counter/call-next", {}, b),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 404]);
    const winner = results.find((r) => r.status === 200)!.body as TicketView;
    const loser = results.find((r) => r.status === 404)!.body as ApiError;
    expect(winner.id).toBe(only.id);
    expect(loser.error.code).toBe("no_ticket");
    const rows = hall.server.ctx.db
      .prepare("SELECT id, window_id FROM tickets WHERE state IN ('called', 'serving')")
      .all() as { id: number; window_id: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBe(only.id);
    const calls = events().filter((e) => e.type === "ticket.called");
    expect(calls).toHaveLength(1);
  });

  it("when a window's ticket is only called, then call-next is refused with what frees it (start, no-show, transfer), not finish", async () => {
    await issue();
    await issue();
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    const whileCalled = await hall.api<ApiError>("POST", "/api/counter/call-next", {}, staff);
    expect(whileCalled.body.error.code).toBe("window_busy");
    expect(whileCalled.body.error.message).toMatch(/has called ticket A001: start it, mark it a no-show or transfer/);
    expect(whileCalled.body.error.message).not.toContain("finish");
    await hall.api("POST", "/api/counter/start", {}, staff);
    const whileServing = await hall.api<ApiError>("POST", "/api/counter/call-next", {}, staff);
    expect(whileServing.body.error.message).toMatch(/is serving ticket A001: finish, hold or transfer/);
  });

  it("when staff choose a ticket transferred to someone else, then it is refused and the ticket stays waiting", async () => {
    const t = await issue();
    const a = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, a);
    await hall.api("POST", "/api/counter/transfer", { itemCode: MAILING, toEmployeeNo: "GW006" }, a);
    const c = await hall.login("GW007", 3);
    const res = await hall.api<ApiError>("POST", "/api/counter/call", { ticketId: t.id }, c);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(`ticket ${t.number} was transferred to another staff member`);
    const after = await hall.api<{ ticket: TicketView }>("GET", `/api/tickets/${t.id}`, undefined, c);
    expect(after.body.ticket.state).toBe("waiting");
    expect(hall.server.ctx.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'call_chosen'").get()).toEqual({
      n: 0,
    });
  });

  it("when a ticket transferred to a window is chosen there by staff without its skill, then it is called, as call-next would", async () => {
    const t = await issue();
    const a = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, a);
    await hall.api("POST", "/api/counter/transfer", { itemCode: ENQUIRY, toWindowNumber: 2 }, a);
    const supervisor = await hall.login("GW002");
    const skills = { skills: [{ itemCode: MAILING, weight: 5 }] };
    expect((await hall.api("PUT", "/api/staff/GW006/skills", skills, supervisor)).status).toBe(200);
    const b = await hall.login("GW006", 2);
    const res = await hall.api<TicketView>("POST", "/api/counter/call", { ticketId: t.id }, b);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ number: t.number, windowNumber: 2 });
  });
});
