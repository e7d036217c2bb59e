import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { HallSnapshot, TicketView } from "@onewindow/contract";
import { startTestHall, WEDNESDAY_10AM, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100";
const ID = "11010119900307123X";

describe("appointments", () => {
  let hall: TestHall;
  let gateway: string;
  let kiosk: string;
  beforeEach(async () => {
    hall = await startTestHall({ startAt: WEDNESDAY_10AM - 86_400_000 });
    gateway = hall.device("gateway");
    kiosk = hall.device("kiosk");
  });
  afterEach(async () => hall.close());

  const book = (slotStart = "2026-11-25T10:00:00+08:00") =>
    hall.api<{ id: number; code: string; error?: { code: string } }>(
      "POST",
      "/api/appointments",
      { itemCode: ENQUIRY, slotStart, idNumber: ID, name: "李四" },
      gateway,
    );

  it("when a booking is checked in on time by code, then it becomes an appointment-priority ticket called first", async () => {
    const booked = await book();
    expect(booked.status).toBe(201);
    hall.clock.now = WEDNESDAY_10AM - 10 * 60_000;
    const walkIn = await hall.takeAtKiosk<{ ticket: TicketView }>(kiosk, { issue: { itemCode: ENQUIRY } });
    const checked = await hall.takeAtKiosk<{ ticket: TicketView; late: boolean }>(kiosk, {
      checkIn: { code: booked.body.code },
    });
    expect(checked.status).toBe(201);
    expect(checked.body.late).toBe(false);
    expect(checked.body.ticket.priority).toBe("appointment");
    expect(checked.body.ticket.nameMasked).toBe("李*");
    const staff = await hall.login("GW005", 1);
    hall.clock.now = WEDNESDAY_10AM;
    const first = await hall.api<TicketView>("POST", "/api/counter/call-next", {}, staff);
    expect(first.body.id).toBe(checked.body.ticket.id);
    expect(first.body.id).not.toBe(walkIn.body.ticket.id);
  });

  it("when the citizen arrives late, then check-in by ID card gives a normal ticket", async () => {
    await book();
    hall.clock.now = WEDNESDAY_10AM + 40 * 60_000;
    const checked = await hall.takeAtKiosk<{ ticket: TicketView; late: boolean }>(kiosk, { checkIn: { idNumber: ID } });
    expect(checked.body.late).toBe(true);
    expect(checked.body.ticket.priority).toBe("normal");
  });

  it("when a slot is full, then booking is refused with cap_reached", async () => {
    await hall.close();
    hall = await startTestHall({
      startAt: WEDNESDAY_10AM - 86_400_000,
      config: { appointments: { earlyMinutes: 30, lateMinutes: 15, slotMinutes: 30, defaultSlotCapacity: 1 } },
    });
    gateway = hall.device("gateway");
    expect((await book()).status).toBe(201);
    const second = await hall.api<{ error: { code: string } }>(
      "POST",
      "/api/appointments",
      { itemCode: ENQUIRY, slotStart: "2026-11-25T10:00:00+08:00", idNumber: "110101199003070014" },
      gateway,
    );
    expect(second.body.error.code).toBe("cap_reached");
  });

  it("when nobody claims an appointment, then it is released and counted, and check-in is refused", async () => {
    const booked = await book();
    hall.clock.now = WEDNESDAY_10AM + 2 * 3_600_000;
    const admin = await hall.login("GW002");
    const res = await hall.api<{ released: number }>("POST", "/api/appointments/release-unclaimed", {}, admin);
    expect(res.body.released).toBe(1);
    const counts = await hall.api("GET", "/api/appointments/counts", undefined, admin);
    expect(counts.body).toEqual({ booked: 0, checked_in: 0, released: 1, cancelled: 0 });
    const late = await hall.takeAtKiosk(kiosk, { checkIn: { code: booked.body.code } });
    expect(late.status).toBe(404);
  });

  it("when the slot is not on a slot boundary or outside hours, then 4xx", async () => {
    expect((await book("2026-11-25T10:07:00+08:00")).status).toBe(400);
    expect((await book("2026-11-25T20:00:00+08:00")).status).toBe(409);
    expect((await book("not a date")).status).toBe(400);
  });

  it("stores the ID number only as a hash, a masked form and a sealed copy", async () => {
    await book();
    const row = hall.server.ctx.db.prepare("SELECT * FROM appointments").get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(ID);
    expect(row.id_masked).toBe("110***********123X");
  });

  it("when personal data is past its retention period, then the purge erases it and keeps the rest", async () => {
    await book();
    hall.clock.now = WEDNESDAY_10AM - 10 * 60_000;
    const checked = await hall.takeAtKiosk<{ ticket: TicketView }>(kiosk, { checkIn: { idNumber: ID } });
    expect(checked.body.ticket.idMasked).toBe("110***********123X");
    const staff = await hall.login("GW005", 1);
    expect((await hall.api("POST", "/api/counter/call-next", {}, staff)).status).toBe(200);
    // Served to the end: the service record (for the rating) holds the applicant's data too.
    expect((await hall.api("POST", "/api/counter/start", {}, staff)).status).toBe(200);
    expect((await hall.api("POST", "/api/counter/finish", {}, staff)).status).toBe(200);
    const served = () =>
      hall.server.ctx.db
        .prepare("SELECT applicant_id_masked, applicant_id_sealed, applicant_name_masked FROM service_records")
        .get() as Record<string, unknown>;
    expect(served().applicant_id_masked).toBe("110***********123X");
    hall.clock.advance(181 * 86_400_000);
    const recent = await hall.takeAtKiosk<{ ticket: TicketView }>(kiosk, {
      issue: { itemCode: ENQUIRY, card: { idNumber: "220101198001011234", name: "王五" } },
    });
    const admin = await hall.login("GW001");
    type Log = { events: { type: string; at: number; data: { ticket?: TicketView } }[] };
    const log = async () => (await hall.api<Log>("GET", "/api/events", undefined, admin)).body.events;
    const old = (await log()).filter((e) => e.at < hall.clock.now - 180 * 86_400_000);
    const oldWithData = old.filter((e) => e.data.ticket?.idMasked || e.data.ticket?.nameMasked);
    expect(oldWithData.map((e) => e.type)).toContain("ticket.called");

    const purged = await hall.api("POST", "/api/admin/purge", {}, admin);
    expect(purged.body).toEqual({ tickets: 1, appointments: 1, events: oldWithData.length, serviceRecords: 1 });
    expect(served()).toEqual({ applicant_id_masked: null, applicant_id_sealed: null, applicant_name_masked: null });
    const outboxRow = hall.server.ctx.db.prepare("SELECT payload FROM outbox WHERE kind = 'service_record'").get() as {
      payload: string;
    };
    expect(JSON.parse(outboxRow.payload)).toMatchObject({ applicant_id_masked: null, applicant_id_sealed: null });
    const ticket = hall.server.ctx.db
      .prepare("SELECT number, id_hash, id_masked, id_sealed, name_masked FROM tickets")
      .get();
    expect(ticket).toEqual({ number: "A001", id_hash: null, id_masked: null, id_sealed: null, name_masked: null });
    const appointment = hall.server.ctx.db
      .prepare("SELECT id_hash, id_sealed, name_masked, state FROM appointments")
      .get();
    expect(appointment).toEqual({ id_hash: null, id_sealed: null, name_masked: null, state: "checked_in" });

    // The event log no longer serves the old masked data; recent events keep theirs, the rest of each event stays.
    const after = await log();
    const oldAfter = after.filter((e) => e.at < hall.clock.now - 180 * 86_400_000);
    expect(oldAfter.map((e) => e.type)).toEqual(old.map((e) => e.type));
    for (const e of oldAfter)
      expect([e.data.ticket?.idMasked ?? null, e.data.ticket?.nameMasked ?? null]).toEqual([null, null]);
    expect(oldAfter.find((e) => e.type === "ticket.called")?.data.ticket?.number).toBe("A001");
    expect(after.find((e) => e.data.ticket?.id === recent.body.ticket.id)?.data.ticket?.nameMasked).toBe("王*");
    const snapshot = await hall.api<HallSnapshot>("GET", "/api/snapshot", undefined, admin);
    expect(snapshot.body.recentCalls[0]?.data.ticket.idMasked).toBeNull();
    const record = after.at(-1)!;
    expect(record).toMatchObject({ type: "personal_data.purged", data: { tickets: 1, appointments: 1 } });
    expect(Object.keys(record.data).sort()).toEqual(["appointments", "before", "events", "serviceRecords", "tickets"]);

    // Nothing left to erase: a second run changes nothing and records nothing.
    const seq = hall.server.ctx.events.lastSeq();
    expect((await hall.api("POST", "/api/admin/purge", {}, admin)).body).toEqual({
      tickets: 0,
      appointments: 0,
      events: 0,
      serviceRecords: 0,
    });
    expect(hall.server.ctx.events.lastSeq()).toBe(seq);
  });
});
