/**
 * Issue 9, item 3: the kiosk's two-phase issue over real HTTP. A reserved number is held (caps), not callable, not
 * waiting, not ahead of anyone, not announced; it waits once the reserving kiosk confirms the print, or becomes a
 * recorded gap when voided (by the kiosk, a supervisor, or the lapse sweep on the hall's clock).
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  Catalog,
  type HallEvent,
  type HallSnapshot,
  type IssuedTicket,
  type ReservedTicket,
  type TicketLedger,
  type TicketView,
} from "@onewindow/contract";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { sweepLapsedReservations } from "../services/reservations.ts";
import { startTestHall, WEDNESDAY_10AM, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // prefix A, windows 1-3
const ID_RENEWAL = "11441702007046300B070001200200"; // prefix B, needs an ID card
type ApiError = { error: { code: string; message: string } };

/** The demo catalogue with a daily cap on the enquiry item. */
function cappedCatalog(cap: number): Catalog {
  const catalog = Catalog.parse(demoCatalog);
  return { ...catalog, items: catalog.items.map((i) => (i.code === ENQUIRY ? { ...i, dailyCap: cap } : i)) };
}

describe("the kiosk's two-phase issue", () => {
  let hall: TestHall;
  let kiosk: string;
  let events: HallEvent[];
  const reserve = (body: object, token = kiosk, requestKey: string = randomUUID()) =>
    hall.api<ReservedTicket & ApiError>("POST", "/api/tickets/reservations", { requestKey, ...body }, token);
  const printed = (id: number, token = kiosk) =>
    hall.api<IssuedTicket & ApiError>("POST", `/api/tickets/${id}/printed`, {}, token);
  const voidIt = (id: number, body: object, token = kiosk) =>
    hall.api<TicketView & ApiError>("POST", `/api/tickets/${id}/void`, body, token);
  const ledger = async (query = "") => {
    const supervisor = await hall.login("GW002");
    return hall.api<TicketLedger & ApiError>("GET", `/api/tickets/ledger${query}`, undefined, supervisor);
  };
  const open = async (options: Parameters<typeof startTestHall>[0] = {}) => {
    hall = await startTestHall(options);
    kiosk = hall.device("kiosk");
    events = [];
    hall.server.ctx.bus.on("event", (e: HallEvent) => events.push(e));
  };
  afterEach(async () => hall.close());

  describe("in the demo hall", () => {
    beforeEach(() => open());

    it("when a kiosk reserves, then the number is held but not waiting, not callable, not counted, not announced", async () => {
      const res = await reserve({ issue: { itemCode: ENQUIRY } });
      expect(res.status).toBe(201);
      expect(res.body.ticket).toMatchObject({ number: "A001", state: "reserved", channel: "kiosk" });
      expect(res.body.expiresAt).toBe(WEDNESDAY_10AM + 60_000);
      expect(events.map((e) => e.type)).toEqual(["ticket.reserved"]);
      expect(events[0]!.data).toEqual({
        ticketId: res.body.ticket.id,
        number: "A001",
        itemCode: ENQUIRY,
        deviceId: expect.any(Number) as number,
        expiresAt: res.body.expiresAt,
      });
      const screen = hall.device("screen");
      const snap = await hall.api<HallSnapshot>("GET", "/api/snapshot", undefined, screen);
      expect(snap.body.waiting[ENQUIRY] ?? 0).toBe(0);
      // A one-phase ticket taken after it has nobody ahead: a reservation is ahead of no one.
      const staff = await hall.login("GW005", 1);
      const after = await hall.api<IssuedTicket>("POST", "/api/tickets", { itemCode: ENQUIRY }, staff);
      expect(after.body).toMatchObject({ ticket: { number: "A002" }, peopleAhead: 0 });
      const chosen = await hall.api<ApiError>("POST", "/api/counter/call", { number: "A001" }, staff);
      expect(chosen.status).toBe(409);
      expect(chosen.body.error.message).toContain("reserved");
      const called = await hall.api<TicketView>("POST", "/api/counter/call-next", {}, staff);
      expect(called.body.number).toBe("A002");
      const callable = await hall.api<{ tickets: { number: string }[] }>(
        "GET",
        "/api/counter/waiting",
        undefined,
        staff,
      );
      expect(callable.body.tickets.map((t) => t.number)).toEqual([]);
    });

    it("when the kiosk confirms the print, then the ticket waits, is announced and counted, and the answer is an issue's", async () => {
      const res = await reserve({ issue: { itemCode: ENQUIRY } });
      events.length = 0;
      const done = await printed(res.body.ticket.id);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ ticket: { number: "A001", state: "waiting" }, peopleAhead: 0 });
      expect(events.map((e) => e.type)).toEqual(["ticket.issued"]);
      expect(events[0]!.data).toMatchObject({ waiting: { [ENQUIRY]: 1 } });
      // Again: the same answer, nothing new.
      const again = await printed(res.body.ticket.id);
      expect(again.status).toBe(200);
      expect(again.body.ticket).toEqual(done.body.ticket);
      expect(events).toHaveLength(1);
    });

    it("when a reservation is made, then its print data is what the ticket says: masked name, windows, areas, status link", async () => {
      const card = { idNumber: "11010119900307123X", name: "张三" };
      await hall.takeAtKiosk(kiosk, { issue: { itemCode: ID_RENEWAL, card } });
      const res = await reserve({ issue: { itemCode: ID_RENEWAL, card } });
      expect(res.body).not.toHaveProperty("error");
      const print = res.body.print;
      expect(print).toMatchObject({
        hallName: hall.server.ctx.config.hallName,
        itemCode: ID_RENEWAL,
        number: "B002",
        issuedAt: WEDNESDAY_10AM,
        ahead: 1,
        nameMasked: "张*",
        reprint: false,
      });
      expect(print.statusUrl).toBe(`${hall.url}/t/${res.body.ticket.publicToken}`);
      expect(print.windows.length).toBeGreaterThan(0);
      expect(print.areas.length).toBeGreaterThan(0);
      expect(JSON.stringify(res.body)).not.toContain(card.idNumber);
      expect(JSON.stringify(res.body)).not.toContain(card.name);
    });

    it("when the same requestKey comes again from the same kiosk, then it answers the same reservation and takes no second number", async () => {
      const key = randomUUID();
      const first = await reserve({ issue: { itemCode: ENQUIRY } }, kiosk, key);
      const retry = await reserve({ issue: { itemCode: ENQUIRY } }, kiosk, key);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      const other = await reserve(
        { issue: { itemCode: ID_RENEWAL, card: { idNumber: "11010119900307123X" } } },
        kiosk,
        key,
      );
      expect(other.status).toBe(409);
      expect(other.body.error.message).toContain("requestKey");
      expect(events.filter((e) => e.type === "ticket.reserved")).toHaveLength(1);
      expect((await reserve({ issue: { itemCode: ENQUIRY } })).body.ticket.number).toBe("A002");
    });

    it("when a double take sends one requestKey twice at once, then both answers name one ticket and one number is used", async () => {
      const key = randomUUID();
      const both = await Promise.all([
        reserve({ issue: { itemCode: ENQUIRY } }, kiosk, key),
        reserve({ issue: { itemCode: ENQUIRY } }, kiosk, key),
      ]);
      expect(both.map((r) => r.status)).toEqual([201, 201]);
      expect(both[1].body.ticket.id).toBe(both[0].body.ticket.id);
      expect(events.filter((e) => e.type === "ticket.reserved")).toHaveLength(1);
      expect(hall.server.ctx.db.prepare("SELECT count(*) AS n FROM tickets").get()).toEqual({ n: 1 });
    });

    it("when another kiosk replays a kiosk's requestKey, then it gets its own reservation, never the other kiosk's ticket", async () => {
      const key = randomUUID();
      const mine = await reserve({ issue: { itemCode: ENQUIRY } }, kiosk, key);
      const forger = hall.device("kiosk");
      const forged = await reserve({ issue: { itemCode: ENQUIRY } }, forger, key);
      expect(forged.status).toBe(201);
      expect(forged.body.ticket.id).not.toBe(mine.body.ticket.id);
      expect(forged.body.ticket.number).toBe("A002");
    });

    it("when another kiosk confirms or voids a reservation, then it is refused and the reservation is untouched", async () => {
      const res = await reserve({ issue: { itemCode: ENQUIRY } });
      const other = hall.device("kiosk");
      const seq = hall.server.ctx.events.lastSeq();
      expect((await printed(res.body.ticket.id, other)).status).toBe(403);
      expect((await voidIt(res.body.ticket.id, { reason: "print_failed" }, other)).status).toBe(403);
      expect(hall.server.ctx.events.lastSeq()).toBe(seq);
      expect((await printed(res.body.ticket.id)).status).toBe(200);
    });

    it("when the kiosk voids a failed print, then the number is a recorded gap, confirming is refused, and voiding again answers the same", async () => {
      const res = await reserve({ issue: { itemCode: ENQUIRY } });
      const voided = await voidIt(res.body.ticket.id, { reason: "print_failed", detail: "paper jam at the cutter" });
      expect(voided.status).toBe(200);
      expect(voided.body.state).toBe("voided");
      expect(events.at(-1)).toMatchObject({
        type: "ticket.voided",
        data: { number: "A001", reason: "print_failed", by: null },
      });
      expect((await voidIt(res.body.ticket.id, { reason: "agent_restarted" })).body).toEqual(voided.body);
      const late = await printed(res.body.ticket.id);
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain("voided");
      const next = await hall.takeAtKiosk<IssuedTicket>(kiosk, { issue: { itemCode: ENQUIRY } });
      expect(next.body.ticket.number).toBe("A002");
      const book = await ledger();
      const a = book.body.prefixes.find((p) => p.prefix === "A")!;
      expect(a.entries.map((e) => [e.number, e.state, e.voided?.reason ?? null, e.voided?.detail ?? null])).toEqual([
        ["A001", "voided", "print_failed", "paper jam at the cutter"],
        ["A002", "waiting", null, null],
      ]);
      expect(a.missing).toEqual([]);
    });

    it("when a printed ticket is voided, then it is refused: it waits, and is cancelled instead", async () => {
      const res = await hall.takeAtKiosk<IssuedTicket>(kiosk, { issue: { itemCode: ENQUIRY } });
      const refused = await voidIt(res.body.ticket.id, { reason: "print_failed" });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain("cancel");
    });

    it("when a supervisor voids a stuck reservation, then the ledger names them", async () => {
      const res = await reserve({ issue: { itemCode: ENQUIRY } });
      const supervisor = await hall.login("GW002");
      const voided = await voidIt(res.body.ticket.id, { reason: "supervisor", detail: "kiosk 2 frozen" }, supervisor);
      expect(voided.status).toBe(200);
      const entry = (await ledger()).body.prefixes[0]!.entries[0]!;
      expect(entry.voided).toMatchObject({ reason: "supervisor", deviceId: null, by: { employeeNo: "GW002" } });
      const staff = await hall.login("GW005", 1);
      const other = await reserve({ issue: { itemCode: ENQUIRY } });
      expect((await voidIt(other.body.ticket.id, { reason: "supervisor" }, staff)).status).toBe(403);
    });

    it("when nobody confirms within the timeout, then the sweep voids it on the hall's clock, and a late confirm is refused", async () => {
      const res = await reserve({ issue: { itemCode: ENQUIRY } });
      hall.clock.advance(59_999);
      expect(sweepLapsedReservations(hall.server.ctx)).toBe(0);
      hall.clock.advance(1);
      expect(sweepLapsedReservations(hall.server.ctx)).toBe(1);
      expect(events.at(-1)).toMatchObject({ type: "ticket.voided", data: { reason: "unconfirmed_timeout" } });
      expect((await printed(res.body.ticket.id)).status).toBe(409);
      // Without the sweep having run, a confirm after the deadline finds the reservation void all the same.
      const second = await reserve({ issue: { itemCode: ENQUIRY } });
      hall.clock.advance(60_000);
      const late = await printed(second.body.ticket.id);
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain("unconfirmed_timeout");
    });

    it("when an agent back from a restart retries its requestKey late in the hold, then the hold is renewed from now and the reprinted ticket can be confirmed", async () => {
      const key = randomUUID();
      const first = await reserve({ issue: { itemCode: ENQUIRY } }, kiosk, key);
      hall.clock.advance(50_000);
      const retry = await reserve({ issue: { itemCode: ENQUIRY } }, kiosk, key);
      expect(retry.body.ticket.id).toBe(first.body.ticket.id);
      expect(retry.body.expiresAt).toBe(first.body.expiresAt + 50_000);
      hall.clock.advance(30_000); // past the first deadline, within the renewed one: the reprint is still on time
      expect(sweepLapsedReservations(hall.server.ctx)).toBe(0);
      expect((await printed(first.body.ticket.id)).status).toBe(200);
    });

    it("when an agent retries its requestKey after the hold lapsed (the sweep has not run yet), then the answer says voided, never reserved", async () => {
      const key = randomUUID();
      const first = await reserve({ issue: { itemCode: ENQUIRY } }, kiosk, key);
      hall.clock.advance(60_000);
      const retry = await reserve({ issue: { itemCode: ENQUIRY } }, kiosk, key);
      expect(retry.body.ticket).toMatchObject({ id: first.body.ticket.id, state: "voided" });
      expect(retry.body.expiresAt).toBe(first.body.expiresAt);
    });

    it("when many reservations arrive at once from two kiosks, then every number is taken once, in sequence", async () => {
      const second = hall.device("kiosk");
      const all = await Promise.all(
        Array.from({ length: 24 }, (_, i) => reserve({ issue: { itemCode: ENQUIRY } }, i % 2 ? second : kiosk)),
      );
      expect(all.every((r) => r.status === 201)).toBe(true);
      const numbers = all.map((r) => r.body.ticket.number).sort();
      expect(numbers).toEqual(Array.from({ length: 24 }, (_, i) => `A${String(i + 1).padStart(3, "0")}`));
    });

    it("when a kiosk issues in one phase, then it is refused with the reservation flow named and nothing changes", async () => {
      const seq = hall.server.ctx.events.lastSeq();
      const one = await hall.api<ApiError>("POST", "/api/tickets", { itemCode: ENQUIRY }, kiosk);
      expect(one.status).toBe(409);
      expect(one.body.error.message).toContain("/api/tickets/reservations");
      const checkIn = await hall.api<ApiError>("POST", "/api/appointments/check-in", { code: "ABCDEFGH" }, kiosk);
      expect(checkIn.status).toBe(409);
      expect(checkIn.body.error.message).toContain("/api/tickets/reservations");
      expect(hall.server.ctx.events.lastSeq()).toBe(seq);
      // Staff and the online hall keep the one-phase issue.
      const gateway = await hall.api<IssuedTicket>(
        "POST",
        "/api/tickets",
        { itemCode: ENQUIRY },
        hall.device("gateway"),
      );
      expect(gateway.body.ticket).toMatchObject({ number: "A001", state: "waiting", channel: "remote" });
    });

    it.each([
      ["no requestKey", { issue: { itemCode: ENQUIRY } }, "requestKey"],
      ["a requestKey that is not a UUID", { requestKey: "take-1", issue: { itemCode: ENQUIRY } }, "UUID"],
      [
        "both issue and checkIn",
        { requestKey: randomUUID(), issue: { itemCode: ENQUIRY }, checkIn: { code: "ABCDEFGH" } },
        "exactly one",
      ],
      ["neither issue nor checkIn", { requestKey: randomUUID() }, "exactly one"],
      ["an extra field", { requestKey: randomUUID(), issue: { itemCode: ENQUIRY }, number: "A001" }, "number"],
      ["a bad issue body", { requestKey: randomUUID(), issue: { itemCode: 7 } }, "itemCode"],
      ["an array", [], "object"],
    ])("when the reservation body has %s, then 400 naming it and nothing changes", async (_name, body, message) => {
      const seq = hall.server.ctx.events.lastSeq();
      const res = await hall.api<ApiError>("POST", "/api/tickets/reservations", body, kiosk);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain(message);
      expect(hall.server.ctx.events.lastSeq()).toBe(seq);
    });

    it.each([
      ["an unknown reason", { reason: "bored" }],
      ["a detail over 200 characters", { reason: "print_failed", detail: "x".repeat(201) }],
      ["no reason", {}],
    ])("when a void has %s, then 400 and the reservation stays", async (_name, body) => {
      const res = await reserve({ issue: { itemCode: ENQUIRY } });
      expect((await voidIt(res.body.ticket.id, body)).status).toBe(400);
      expect((await printed(res.body.ticket.id)).status).toBe(200);
    });

    it("when a day mixes printed, voided, lapsed, cancelled and one-phase tickets, then the ledger holds every number once, each gap explained", async () => {
      const staff = await hall.login("GW005", 1);
      const supervisor = await hall.login("GW002");
      await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } }); // A001 printed
      const failed = await reserve({ issue: { itemCode: ENQUIRY } }); // A002 voided by the kiosk
      await voidIt(failed.body.ticket.id, { reason: "print_failed" });
      await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, staff); // A003 one phase, staff
      const lapsed = await reserve({ issue: { itemCode: ENQUIRY } }); // A004 lapses
      const cancelled = await hall.takeAtKiosk<IssuedTicket>(kiosk, { issue: { itemCode: ENQUIRY } }); // A005
      await hall.api("POST", `/api/tickets/${cancelled.body.ticket.id}/cancel`, {}, supervisor);
      await reserve({ issue: { itemCode: ENQUIRY } }); // A006 still printing
      hall.clock.advance(30_000);
      const still = await reserve({ issue: { itemCode: ENQUIRY } }); // A007 reserved 30 s later
      hall.clock.advance(30_000);
      sweepLapsedReservations(hall.server.ctx);
      const book = await ledger();
      expect(book.status).toBe(200);
      const a = book.body.prefixes.find((p) => p.prefix === "A")!;
      expect(a.last).toBe(7);
      expect(a.missing).toEqual([]);
      expect(a.entries.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(a.entries.map((e) => [e.number, e.state, e.voided?.reason ?? null])).toEqual([
        ["A001", "waiting", null],
        ["A002", "voided", "print_failed"],
        ["A003", "waiting", null],
        ["A004", "voided", "unconfirmed_timeout"],
        ["A005", "cancelled", null],
        ["A006", "voided", "unconfirmed_timeout"],
        ["A007", "reserved", null],
      ]);
      expect(a.entries[1]!.voided?.deviceId).toBe(events.find((e) => e.type === "ticket.reserved")!.data.deviceId);
      expect(a.entries[3]!.voided).toMatchObject({ deviceId: null, by: null, at: WEDNESDAY_10AM + 60_000 });
      expect(lapsed.body.ticket.number).toBe("A004");
      expect(still.body.ticket.number).toBe("A007");
      expect(JSON.stringify(book.body)).not.toMatch(/publicToken|nameMasked|idMasked/);
    });

    it("when the ledger is asked for a day that does not exist or with an unknown flag, then 400", async () => {
      expect((await ledger("?day=2026-02-30")).status).toBe(400);
      expect((await ledger("?day=yesterday")).status).toBe(400);
      expect((await ledger("?all=1")).status).toBe(400);
      expect((await ledger("?day=2026-11-24")).body).toEqual({ day: "2026-11-24", prefixes: [] });
    });
  });

  describe("with a daily cap of 2 on the enquiry item", () => {
    beforeEach(() => open({ catalog: cappedCatalog(2) }));

    it("when reservations hold the cap, then the next is refused; a void releases its place", async () => {
      const a = await reserve({ issue: { itemCode: ENQUIRY } });
      await reserve({ issue: { itemCode: ENQUIRY } });
      const full = await reserve({ issue: { itemCode: ENQUIRY } });
      expect(full.status).toBe(409);
      expect(full.body.error.code).toBe("cap_reached");
      await voidIt(a.body.ticket.id, { reason: "printer_not_ready" });
      const again = await reserve({ issue: { itemCode: ENQUIRY } });
      expect(again.status).toBe(201);
      expect(again.body.ticket.number).toBe("A003");
    });

    it("when the sweep voids a lapsed reservation, then its place is released too", async () => {
      await reserve({ issue: { itemCode: ENQUIRY } });
      await reserve({ issue: { itemCode: ENQUIRY } });
      hall.clock.advance(60_000);
      sweepLapsedReservations(hall.server.ctx);
      expect((await reserve({ issue: { itemCode: ENQUIRY } })).status).toBe(201);
    });
  });

  it("when the hall has a public base URL, then the ticket's status link uses it", async () => {
    await open({ config: { publicBaseUrl: "https://hall.example.gov.cn/" } });
    const res = await reserve({ issue: { itemCode: ENQUIRY } });
    expect(res.body.print.statusUrl).toBe(`https://hall.example.gov.cn/t/${res.body.ticket.publicToken}`);
  });

  it("when the server's sweep timer runs, then it voids a lapsed reservation without any request", async () => {
    await open({ reservationSweepMs: 20 });
    const res = await reserve({ issue: { itemCode: ENQUIRY } });
    hall.clock.advance(60_000);
    await vi.waitFor(() => expect(hall.server.ctx.store.tickets.get(res.body.ticket.id)?.state).toBe("voided"));
  });

  describe("appointment check-in at a kiosk", () => {
    beforeEach(() => open({ startAt: WEDNESDAY_10AM - 86_400_000 }));

    it("when a check-in reservation is voided, then the booking is open again and a second check-in prints", async () => {
      const gateway = hall.device("gateway");
      const booked = await hall.api<{ code: string }>(
        "POST",
        "/api/appointments",
        { itemCode: ENQUIRY, slotStart: "2026-11-25T10:00:00+08:00", idNumber: "11010119900307123X", name: "李四" },
        gateway,
      );
      hall.clock.now = WEDNESDAY_10AM - 10 * 60_000;
      const res = await reserve({ checkIn: { code: booked.body.code } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ticket: { state: "reserved", priority: "appointment" }, late: false });
      expect(res.body.print.nameMasked).toBe("李*");
      expect(events.map((e) => e.type)).not.toContain("appointment.checked_in");
      await voidIt(res.body.ticket.id, { reason: "print_failed" });
      const again = await hall.takeAtKiosk<IssuedTicket & { late: boolean }>(kiosk, {
        checkIn: { code: booked.body.code },
      });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ ticket: { number: "A002", state: "waiting" }, late: false });
      expect(events.filter((e) => e.type === "appointment.checked_in")).toHaveLength(1);
    });
  });
});
