import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TicketView } from "@onewindow/contract";
import { HallConfig } from "../config.ts";
import { decryptField } from "../security/index.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // 综合咨询, prefix A, served by windows 1-3
const ID_RENEWAL = "11441702007046300B070001200200"; // 居民身份证换领, ID card required

type Issued = {
  ticket: TicketView;
  peopleAhead: number;
  expectedWaitMinutes: number;
  staffed: boolean;
  areas: string[];
};
type ApiError = { error: { code: string; message: string } };

describe("tickets over real HTTP", () => {
  let hall: TestHall;
  let kiosk: string;
  beforeEach(async () => {
    hall = await startTestHall();
    kiosk = hall.device("kiosk");
  });
  afterEach(async () => hall.close());

  it("when a kiosk issues tickets, then numbers run A001, A002 with people ahead and an expected wait", async () => {
    const a = await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } });
    const b = await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } });
    expect(a.status).toBe(201);
    expect(a.body.ticket.number).toBe("A001");
    expect(b.body.ticket.number).toBe("A002");
    expect(a.body.peopleAhead).toBe(0);
    expect(b.body.peopleAhead).toBe(1);
    expect(b.body.expectedWaitMinutes).toBeGreaterThan(0);
    expect(b.body.staffed).toBe(false);
    expect(a.body.areas.length).toBeGreaterThan(0);
  });

  it("when the local day changes at midnight Shanghai time, then numbering restarts at 001", async () => {
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    hall.clock.now = Date.parse("2026-11-26T10:00:00+08:00");
    const next = await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } });
    expect(next.body.ticket.number).toBe("A001");
  });

  it("when an item needs an ID card and none is given, then 400 and no number is used", async () => {
    const refused = await hall.takeAtKiosk<ApiError>(kiosk, { issue: { itemCode: ID_RENEWAL } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("bad_request");
    const ok = await hall.takeAtKiosk<Issued>(kiosk, {
      issue: { itemCode: ID_RENEWAL, card: { idNumber: "11010119900307123X", name: "张三" } },
    });
    expect(ok.body.ticket.number).toBe("B001");
    expect(ok.body.ticket.idMasked).toBe("110***********123X");
    expect(ok.body.ticket.nameMasked).toBe("张*");
    // At rest: no clear ID number or name anywhere in the row; the sealed copy opens only with the key file's key.
    const row = hall.server.ctx.db.prepare("SELECT * FROM tickets WHERE id = ?").get(ok.body.ticket.id) as Record<
      string,
      string
    >;
    expect(JSON.stringify(row)).not.toMatch(/11010119900307123X|张三/);
    expect(decryptField(hall.server.ctx.keyring, row.id_sealed!)).toBe("11010119900307123X");
    expect(decryptField(hall.server.ctx.keyring, row.name_sealed!)).toBe("张三");
    expect(row.id_type).toBe("resident");
  });

  it.each([
    ["not JSON", "{oops", "body is not valid JSON"],
    ["unknown item", { itemCode: "NOPE" }, "no active service item"],
    ["extra field", { itemCode: ENQUIRY, hack: 1 }, "hack"],
    ["wrong type", { itemCode: 42 }, "itemCode"],
    ["appointment priority claimed", { itemCode: ENQUIRY, priority: "appointment" }, "priority"],
    ["green channel from a kiosk", { itemCode: ENQUIRY, priority: "green" }, "staff"],
    ["agent ticket from a kiosk", { itemCode: ENQUIRY, agent: true }, "staff"],
  ])("when the body is bad (%s), then a clear 4xx and nothing changes", async (_name, body, message) => {
    const before = hall.server.ctx.events.lastSeq();
    const res =
      typeof body === "string"
        ? await hall.api<ApiError>("POST", "/api/tickets/reservations", body, kiosk)
        : await hall.takeAtKiosk<ApiError>(kiosk, { issue: body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.message).toContain(message);
    expect(hall.server.ctx.events.lastSeq()).toBe(before);
    const first = await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } });
    expect(first.body.ticket.number).toBe("A001");
  });

  it("when staff take a ticket on behalf of a citizen (代办), then it is recorded and shown as an agent ticket; a walk-in is not", async () => {
    const staff = await hall.login("GW005", 1);
    const agent = await hall.api<Issued>(
      "POST",
      "/api/tickets",
      { itemCode: ID_RENEWAL, agent: true, card: { idNumber: "11010119900307123X", name: "张三" } },
      staff,
    );
    const walkIn = await hall.api<Issued>("POST", "/api/tickets", { itemCode: ENQUIRY }, staff);
    const kioskTicket = await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } });
    expect([agent.status, walkIn.status, kioskTicket.status]).toEqual([201, 201, 201]);
    expect(agent.body.ticket).toMatchObject({ agent: true, channel: "staff", nameMasked: "张*" });
    expect(walkIn.body.ticket).toMatchObject({ agent: false, channel: "staff" });
    expect(kioskTicket.body.ticket.agent).toBe(false);
    const stored = hall.server.ctx.db.prepare("SELECT number, agent FROM tickets ORDER BY id").all();
    expect(stored).toEqual([
      { number: "B001", agent: 1 },
      { number: "A001", agent: 0 },
      { number: "A002", agent: 0 },
    ]);
    const read = await hall.api<{ ticket: TicketView }>(
      "GET",
      `/api/tickets/${agent.body.ticket.id}`,
      undefined,
      staff,
    );
    expect(read.body.ticket.agent).toBe(true);
  });

  describe("elderly priority needs the card's evidence when a device claims it", () => {
    const claim = (card?: Record<string, string>, token = kiosk) => {
      const body = { itemCode: ENQUIRY, priority: "elderly", card };
      return token === kiosk
        ? hall.takeAtKiosk<Issued & ApiError>(kiosk, { issue: body })
        : hall.api<Issued & ApiError>("POST", "/api/tickets", body, token);
    };

    it("when the card shows 60 or more years (60 exactly today, from the birth date or the resident ID), then the ticket is elderly", async () => {
      const sixtyToday = await claim({ idNumber: "110101196611251234", birthDate: "19661125" });
      const fromIdOnly = await claim({ idNumber: "11010119500101123X" });
      const permit = await claim({ idType: "hk-macau-taiwan-permit", idNumber: "H12345678", birthDate: "19400615" });
      expect([sixtyToday.status, fromIdOnly.status, permit.status]).toEqual([201, 201, 201]);
      expect(sixtyToday.body.ticket.priority).toBe("elderly");
    });

    it.each([
      ["no card", undefined, 400, "needs the ID card"],
      [
        "a non-resident card without birth date",
        { idType: "hk-macau-taiwan-permit", idNumber: "H12345678" },
        400,
        "needs the ID card",
      ],
      ["one day short of 60", { idNumber: "110101196611261234", birthDate: "19661126" }, 403, "aged 60 or over"],
      [
        "a birth date that disagrees with the ID number",
        { idNumber: "110101199003071234", birthDate: "19500101" },
        400,
        "does not match",
      ],
      [
        "a birth date in the future",
        { idType: "hk-macau-taiwan-permit", idNumber: "H12345678", birthDate: "20300101" },
        400,
        "future",
      ],
      [
        "a date that does not exist",
        { idType: "hk-macau-taiwan-permit", idNumber: "H12345678", birthDate: "19500230" },
        400,
        "real calendar date",
      ],
      ["an ID number without a valid birth date", { idNumber: "110101195013401234" }, 400, "no valid birth date"],
    ])(
      "when a kiosk claims elderly with %s, then a clear %i and nothing changes",
      async (_name, card, status, message) => {
        const before = hall.server.ctx.events.lastSeq();
        const res = await claim(card);
        expect(res.status).toBe(status);
        expect(res.body.error.message).toContain(message);
        expect(hall.server.ctx.events.lastSeq()).toBe(before);
        expect(JSON.stringify(res.body)).not.toMatch(/1101011|H1234/);
      },
    );

    it("when the online hall claims elderly without a card, then it is refused like a kiosk; staff may grant it on sight", async () => {
      expect((await claim(undefined, hall.device("gateway"))).status).toBe(400);
      const staff = await hall.login("GW005", 1);
      const granted = await claim(undefined, staff);
      expect(granted.status).toBe(201);
      expect(granted.body.ticket.priority).toBe("elderly");
    });

    it("when the hall configures 65 as the age, then a 62-year-old's card is refused", async () => {
      await hall.close();
      hall = await startTestHall({ config: { queue: HallConfig.shape.queue.parse({ elderlyMinAge: 65 }) } });
      kiosk = hall.device("kiosk");
      expect((await claim({ idNumber: "110101196401011234" })).status).toBe(403);
      expect((await claim({ idNumber: "110101196001011234" })).status).toBe(201);
    });
  });

  it("when the hall is closed (Sunday), then item_closed and no ticket", async () => {
    hall.clock.now = Date.parse("2026-11-29T10:00:00+08:00");
    const res = await hall.takeAtKiosk<ApiError>(kiosk, { issue: { itemCode: ENQUIRY } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("item_closed");
  });

  it("when the public status page is asked with the ticket's token, then it shows position and no personal data", async () => {
    const issued = await hall.takeAtKiosk<Issued>(kiosk, {
      issue: { itemCode: ID_RENEWAL, card: { idNumber: "11010119900307123X", name: "张三" } },
    });
    const res = await hall.api<Record<string, unknown>>("GET", `/api/public/tickets/${issued.body.ticket.publicToken}`);
    expect(res.status).toBe(200);
    expect(res.body.number).toBe("B001");
    expect(res.body.peopleAhead).toBe(0);
    expect(JSON.stringify(res.body)).not.toMatch(/张|110|123X/);
    expect((await hall.api("GET", "/api/public/tickets/not-a-token")).status).toBe(404);
  });

  it("when a kiosk floods the server, then it is rate-limited with 429 and Retry-After", async () => {
    await hall.close();
    hall = await startTestHall({ config: { rateLimits: { issue: { capacity: 3, refillPerSecond: 0.001 } } } });
    kiosk = hall.device("kiosk");
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });

  it("when the online hall takes a ticket, then its channel is remote; and a kiosk can ask the wait before issuing", async () => {
    await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
    const wait = await hall.api<{ peopleAhead: number; expectedWaitMinutes: number }>(
      "GET",
      `/api/items/${ENQUIRY}/wait`,
      undefined,
      kiosk,
    );
    expect(wait.body.peopleAhead).toBe(1);
    const remote = await hall.api<Issued>("POST", "/api/tickets", { itemCode: ENQUIRY }, hall.device("gateway"));
    expect(remote.body.ticket.channel).toBe("remote");
    expect(remote.body.ticket.number).toBe("A002");
  });

  it("when a day ends with tickets still waiting, then they expire and are not called the next day", async () => {
    const stale = await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } });
    hall.clock.now = Date.parse("2026-11-26T09:30:00+08:00");
    const { closeEndedDays } = await import("../services/dayEnd.ts");
    expect(closeEndedDays(hall.server.ctx)).toBe(1);
    expect(closeEndedDays(hall.server.ctx)).toBe(0);
    const today = await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } });
    const staff = await hall.login("GW005", 1);
    const called = await hall.api<TicketView>("POST", "/api/counter/call-next", {}, staff);
    expect(called.body.id).toBe(today.body.ticket.id);
    expect(called.body.id).not.toBe(stale.body.ticket.id);
  });
});
