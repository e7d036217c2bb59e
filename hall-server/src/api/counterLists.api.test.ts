import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CallableTicket, HallSnapshot, TicketView } from "@onewindow/contract";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // A, windows 1-3
const LOST_ID = "11441702007046300B070001200300"; // B, window 5 (户政)
const TEMP_ID = "11441702007046300B070001300100"; // B, window 5

type Issued = { ticket: TicketView };
type Waiting = { window: { number: number }; tickets: CallableTicket[] };
type ApiError = { error: { code: string; message: string } };

describe("the counter's lists: waiting tickets to choose from, held tickets to resume", () => {
  let hall: TestHall;
  let kiosk: string;
  const issue = async (itemCode: string, card?: object) =>
    (await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode, card } })).body.ticket;
  const waiting = async (token: string) =>
    (await hall.api<Waiting>("GET", "/api/counter/waiting", undefined, token)).body;

  beforeEach(async () => {
    hall = await startTestHall();
    kiosk = hall.device("kiosk");
  });
  afterEach(async () => hall.close());

  it("when tickets wait for several items, then a window lists only those it may call, oldest first, with masked data only", async () => {
    await issue(ENQUIRY);
    const b1 = await issue(LOST_ID, { idNumber: "11010119900307123X", name: "张三" });
    hall.clock.advance(60_000);
    const b2 = await issue(TEMP_ID);
    const staff = await hall.login("GW009", 5);
    const list = await waiting(staff);
    expect(list.window.number).toBe(5);
    expect(list.tickets.map((t) => t.number)).toEqual([b1.number, b2.number]);
    expect(list.tickets[0]).toEqual({
      id: b1.id,
      number: "B001",
      itemCode: LOST_ID,
      itemName: b1.itemName,
      priority: "normal",
      arrivedAt: b1.arrivedAt,
      appointmentAt: null,
      targeted: false,
      nameMasked: "张*",
    });
    expect(JSON.stringify(list)).not.toMatch(/110|123X|张三/);
    expect(JSON.stringify(list)).not.toContain(b1.publicToken);
  });

  it("when a ticket was transferred to a named staff member, then only they list it, even at a window that does not serve its item", async () => {
    await issue(LOST_ID);
    const gw009 = await hall.login("GW009", 5);
    await hall.api("POST", "/api/counter/call-next", {}, gw009);
    const moved = await hall.api("POST", "/api/counter/transfer", { itemCode: TEMP_ID, toEmployeeNo: "GW010" }, gw009);
    expect(moved.status).toBe(200);
    expect((await waiting(gw009)).tickets).toEqual([]);
    const gw010 = await hall.login("GW010", 6);
    expect((await waiting(gw010)).tickets).toMatchObject([{ number: "B001", itemCode: TEMP_ID, targeted: true }]);
  });

  it("when an admin without a window asks, then 409 not_signed_in", async () => {
    const res = await hall.api<ApiError>("GET", "/api/counter/waiting", undefined, await hall.login("GW001"));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("not_signed_in");
  });

  it("when staff call a chosen ticket by its printed number, then that ticket is called", async () => {
    await issue(LOST_ID);
    const b2 = await issue(TEMP_ID);
    const staff = await hall.login("GW009", 5);
    const called = await hall.api<TicketView>("POST", "/api/counter/call", { number: " b002 " }, staff);
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ id: b2.id, number: "B002", state: "called", windowNumber: 5 });
  });

  it.each([
    ["an unknown number", { number: "B999" }, 404, "no ticket B999 today"],
    ["both id and number", { ticketId: 1, number: "B001" }, 400, "exactly one"],
    ["neither", {}, 400, "exactly one"],
    ["a malformed number", { number: "hello" }, 400, "as printed"],
  ])("when a chosen call names %s, then a clear %i and nothing changes", async (_name, body, status, message) => {
    await issue(LOST_ID);
    const staff = await hall.login("GW009", 5);
    const seq = hall.server.ctx.events.lastSeq();
    const res = await hall.api<ApiError>("POST", "/api/counter/call", body, staff);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
    expect(hall.server.ctx.events.lastSeq()).toBe(seq);
  });

  it("when a ticket is held, then the snapshot lists it under the window's held tickets and unhold by number resumes it", async () => {
    const b1 = await issue(LOST_ID);
    const staff = await hall.login("GW009", 5);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await hall.api("POST", "/api/counter/start", {}, staff);
    expect((await hall.api("POST", "/api/counter/hold", {}, staff)).status).toBe(200);
    const window5 = async () =>
      (await hall.api<HallSnapshot>("GET", "/api/snapshot", undefined, staff)).body.windows.find(
        (w) => w.number === 5,
      )!;
    const held = await window5();
    expect(held.current).toBeNull();
    expect(held.held).toMatchObject([{ id: b1.id, number: "B001", state: "on_hold" }]);
    const resumed = await hall.api<TicketView>("POST", "/api/counter/unhold", { number: "B001" }, staff);
    expect(resumed.status).toBe(200);
    expect(resumed.body.state).toBe("serving");
    const after = await window5();
    expect(after.held).toEqual([]);
    expect(after.current?.id).toBe(b1.id);
  });
});
