/**
 * Issue 7, item 5: the hall's service day (local midnight in the hall's zone) ends the queue of the day before.
 * Every test drives a real server over HTTP with a controllable clock; no test waits for a timer.
 */
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { CallableTicket, HallEvent, HallSnapshot, ServerMessage, TicketView } from "@onewindow/contract";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // A, windows 1-3

type Issued = { ticket: TicketView };
type ApiError = { error: { code: string; message: string } };
type Waiting = { tickets: CallableTicket[] };

describe("the service day ends at the hall's local midnight", () => {
  let hall: TestHall | undefined;
  afterEach(async () => {
    await hall?.close();
    hall = undefined;
  });

  /** A demo hall (service hours not enforced, so tickets can be taken at midnight) in `timeZone`. */
  const open = async (startAt: string, timeZone?: string, dir?: string) => {
    hall = await startTestHall({ startAt: Date.parse(startAt), config: { demoMode: true, timeZone }, dir });
    return hall;
  };
  const issue = async (h: TestHall, kiosk: string) =>
    (await h.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } })).body.ticket;
  const stateOf = async (h: TestHall, id: number, staff: string) =>
    (await h.api<Issued>("GET", `/api/tickets/${id}`, undefined, staff)).body.ticket.state;
  type Expired = Extract<HallEvent, { type: "ticket.expired" }>;
  const expiredEvents = (h: TestHall) =>
    h.server.ctx.events.since(0, 10_000).filter((e): e is Expired => e.type === "ticket.expired");

  it("when yesterday's A001 still waits after midnight and today's A001 is issued, then call-next calls today's and yesterday's has expired with an event", async () => {
    const h = await open("2026-11-25T23:58:00+08:00");
    const kiosk = h.device("kiosk");
    const staff = await h.login("GW005", 1);
    const yesterday = await issue(h, kiosk);
    h.clock.now = Date.parse("2026-11-26T00:00:30+08:00");
    const today = await issue(h, kiosk);
    expect([yesterday.number, today.number]).toEqual(["A001", "A001"]);

    const called = await h.api<TicketView>("POST", "/api/counter/call-next", {}, staff);
    expect(called.status).toBe(200);
    expect(called.body.id).toBe(today.id);
    const announced = h.server.ctx.events.since(0, 10_000).filter((e) => e.type === "ticket.called");
    expect(announced.map((e) => (e.data as { ticket: TicketView }).ticket.id)).toEqual([today.id]);
    expect(await stateOf(h, yesterday.id, staff)).toBe("expired");
    const expired = expiredEvents(h);
    expect(expired.map((e) => e.data.ticket.id)).toEqual([yesterday.id]);
    expect(expired[0]!.data.ticket.state).toBe("expired");
    expect(expired[0]!.data.waiting[ENQUIRY]).toBe(0);
  });

  it("when a ticket waits at 23:59:59.999 and the clock reads 00:00:00.000, then it is no longer offered and has expired", async () => {
    const h = await open("2026-11-25T23:59:00+08:00");
    const kiosk = h.device("kiosk");
    const staff = await h.login("GW005", 1);
    const first = await issue(h, kiosk);
    const second = await issue(h, kiosk);
    h.clock.now = Date.parse("2026-11-25T23:59:59.999+08:00");
    expect((await h.api<TicketView>("POST", "/api/counter/call-next", {}, staff)).body.id).toBe(first.id);
    expect((await h.api("POST", "/api/counter/no-show", {}, staff)).status).toBe(200);
    expect((await h.api<Waiting>("GET", "/api/counter/waiting", undefined, staff)).body.tickets).toHaveLength(1);

    h.clock.now = Date.parse("2026-11-26T00:00:00.000+08:00");
    expect((await h.api<Waiting>("GET", "/api/counter/waiting", undefined, staff)).body.tickets).toEqual([]);
    const next = await h.api<ApiError>("POST", "/api/counter/call-next", {}, staff);
    expect(next.status).toBe(404);
    expect(next.body.error.code).toBe("no_ticket");
    expect(await stateOf(h, second.id, staff)).toBe("expired");
    const snapshot = await h.api<HallSnapshot>("GET", "/api/snapshot", undefined, staff);
    expect(snapshot.body.waiting[ENQUIRY]).toBe(0);
  });

  it("when a hall screen is connected at midnight, then it receives the expiry before the day's first new ticket", async () => {
    const h = await open("2026-11-25T23:58:00+08:00");
    const kiosk = h.device("kiosk");
    const yesterday = await issue(h, kiosk);
    const ws = new WebSocket(`${h.url.replace("http", "ws")}/ws?token=${h.device("screen")}`);
    const messages: ServerMessage[] = [];
    // Resolves at the day's first new ticket: whatever came before it is in `messages` by then.
    const received = new Promise<void>((resolve) =>
      ws.on("message", (data: Buffer) => {
        const message = JSON.parse(data.toString()) as ServerMessage;
        messages.push(message);
        if (message.type === "event" && message.event.type === "ticket.issued") resolve();
      }),
    );
    // The first message is the snapshot: wait for it, so the socket is subscribed before the clock moves.
    await new Promise<void>((resolve) => ws.once("message", () => resolve()));
    h.clock.now = Date.parse("2026-11-26T00:00:00.000+08:00");
    const today = await issue(h, kiosk);
    await received;
    ws.close();
    // The kiosk's reservation of the new ticket (ticket.reserved) comes before it too; it names no waiting ticket.
    const events = messages.flatMap((m) => (m.type === "event" && m.event.type !== "ticket.reserved" ? [m.event] : []));
    expect(events.map((e) => [e.type, (e.data as { ticket: TicketView }).ticket.id])).toEqual([
      ["ticket.expired", yesterday.id],
      ["ticket.issued", today.id],
    ]);
    expect((events[0] as Expired).data).toMatchObject({ day: "2026-11-25", waiting: { [ENQUIRY]: 0 } });
  });

  it("when a ticket is called or in service at midnight, then it finishes normally after midnight", async () => {
    const h = await open("2026-11-25T23:50:00+08:00");
    const kiosk = h.device("kiosk");
    const staff = await h.login("GW005", 1);
    const t = await issue(h, kiosk);
    await h.api("POST", "/api/counter/call-next", {}, staff);
    h.clock.now = Date.parse("2026-11-26T00:00:00.000+08:00");
    expect((await h.api("POST", "/api/counter/start", {}, staff)).status).toBe(200);
    h.clock.now = Date.parse("2026-11-26T00:05:00+08:00");
    const finished = await h.api<TicketView>("POST", "/api/counter/finish", {}, staff);
    expect(finished.status).toBe(200);
    expect(finished.body.state).toBe("done");
    expect(finished.body.id).toBe(t.id);
    expect(expiredEvents(h)).toEqual([]);
  });

  it("when a no-show of yesterday is reactivated after midnight, then it is refused: its day has ended", async () => {
    const h = await open("2026-11-25T23:58:00+08:00");
    const kiosk = h.device("kiosk");
    const staff = await h.login("GW005", 1);
    const t = await issue(h, kiosk);
    await h.api("POST", "/api/counter/call-next", {}, staff);
    await h.api("POST", "/api/counter/no-show", {}, staff);
    h.clock.now = Date.parse("2026-11-26T00:01:00+08:00");
    const res = await h.api<ApiError>("POST", `/api/tickets/${t.id}/reactivate`, {}, staff);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("2026-11-25");
    expect(await stateOf(h, t.id, staff)).toBe("no_show");
  });

  it("when the server starts after midnight with yesterday's tickets waiting, then they expire at boot with events", async () => {
    const h = await open("2026-11-25T23:58:00+08:00");
    const dir = h.dir;
    const kiosk = h.device("kiosk");
    const t = await issue(h, kiosk);
    await h.server.stop();
    hall = await startTestHall({ startAt: Date.parse("2026-11-26T08:00:00+08:00"), config: { demoMode: true }, dir });
    const staff = await hall.login("GW005", 1);
    expect(await stateOf(hall, t.id, staff)).toBe("expired");
    expect(expiredEvents(hall).map((e) => e.data.ticket.id)).toEqual([t.id]);
  });

  describe("in a zone with daylight saving time (Europe/Berlin)", () => {
    it.each([
      // Summer time ends 2026-10-25 03:00 CEST -> 02:00 CET: that service day is 25 hours long.
      [
        "the 25-hour day",
        "2026-10-25T00:30:00+02:00",
        "2026-10-25T23:59:59.999+01:00",
        "2026-10-26T00:00:00.000+01:00",
      ],
      // Summer time starts 2026-03-29 02:00 CET -> 03:00 CEST: that service day is 23 hours long.
      [
        "the 23-hour day",
        "2026-03-29T00:30:00+01:00",
        "2026-03-29T23:59:59.999+02:00",
        "2026-03-30T00:00:00.000+02:00",
      ],
    ])(
      "when a ticket of %s still waits at local midnight, then it expires then and not an hour early or late",
      async (_label, issuedAt, lastMs, midnight) => {
        const h = await open(issuedAt, "Europe/Berlin");
        const kiosk = h.device("kiosk");
        const first = await issue(h, kiosk);
        const second = await issue(h, kiosk);
        h.clock.now = Date.parse(lastMs);
        // Signed in late in the day: a staff session lasts 12 hours.
        const staff = await h.login("GW005", 1);
        expect((await h.api<TicketView>("POST", "/api/counter/call-next", {}, staff)).body.id).toBe(first.id);
        await h.api("POST", "/api/counter/no-show", {}, staff);
        h.clock.now = Date.parse(midnight);
        const next = await h.api<ApiError>("POST", "/api/counter/call-next", {}, staff);
        expect(next.body.error?.code).toBe("no_ticket");
        expect(await stateOf(h, second.id, staff)).toBe("expired");
        expect((await issue(h, kiosk)).number).toBe("A001");
      },
    );
  });
});
