/**
 * Issue 7, item 7: daily caps count the item a ticket was issued for (transfers never change a cap), appointment
 * check-ins count toward the daily cap but are never refused by it, check-in records the card's own type, refusals
 * name items by code, and hold is only for a ticket in service.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Catalog, type TicketView } from "@onewindow/contract";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { startTestHall, WEDNESDAY_10AM, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // A, windows 1-3
const MAILING = "11441702007046212W200010200100"; // A, windows 1-3
const FOREIGN_2023 = "933156199001010017"; // a 2023 foreign permanent resident ID card number (18 digits, leading 9)

type Issued = { ticket: TicketView };
type ApiError = { error: { code: string; message: string } };

/** The demo catalogue with daily caps on two items that windows 1-3 serve. */
function cappedCatalog(caps: Record<string, number>): Catalog {
  const catalog = Catalog.parse(demoCatalog);
  return { ...catalog, items: catalog.items.map((i) => (i.code in caps ? { ...i, dailyCap: caps[i.code]! } : i)) };
}

describe("caps, check-ins, refusals and hold", () => {
  let hall: TestHall;
  let kiosk: string;
  const issue = (itemCode: string) => hall.takeAtKiosk<Issued & ApiError>(kiosk, { issue: { itemCode } });
  const start = async (caps: Record<string, number>, startAt = WEDNESDAY_10AM) => {
    hall = await startTestHall({ catalog: cappedCatalog(caps), startAt });
    kiosk = hall.device("kiosk");
  };
  afterEach(async () => hall.close());

  describe("transfers never change any cap", () => {
    beforeEach(() => start({ [ENQUIRY]: 1, [MAILING]: 1 }));

    const issueCallTransfer = async () => {
      expect((await issue(ENQUIRY)).status).toBe(201);
      const staff = await hall.login("GW005", 1);
      await hall.api("POST", "/api/counter/call-next", {}, staff);
      const moved = await hall.api<TicketView>("POST", "/api/counter/transfer", { itemCode: MAILING }, staff);
      expect(moved.status).toBe(200);
    };

    it("when the only ticket of a capped item is transferred away, then the item's cap stays used", async () => {
      await issueCallTransfer();
      const again = await issue(ENQUIRY);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("cap_reached");
    });

    it("when a ticket is transferred into a capped item, then that item's own tickets are still issued up to its cap", async () => {
      await issueCallTransfer();
      const own = await issue(MAILING);
      expect(own.status).toBe(201);
      expect((await issue(MAILING)).body.error.code).toBe("cap_reached");
    });
  });

  describe("appointment check-ins count toward the daily cap but are never refused by it", () => {
    beforeEach(() => start({ [ENQUIRY]: 1 }, WEDNESDAY_10AM - 86_400_000));

    const book = async (idNumber: string) => {
      const gateway = hall.device("gateway");
      const res = await hall.api<{ code: string }>(
        "POST",
        "/api/appointments",
        { itemCode: ENQUIRY, slotStart: "2026-11-25T10:00:00+08:00", idNumber },
        gateway,
      );
      expect(res.status).toBe(201);
      return res.body.code;
    };
    const checkIn = (code: string) => hall.takeAtKiosk<Issued & ApiError>(kiosk, { checkIn: { code } });

    it("when walk-ins have used the daily cap, then an appointment still checks in", async () => {
      const code = await book("110101199003071230");
      hall.clock.now = WEDNESDAY_10AM - 10 * 60_000;
      expect((await issue(ENQUIRY)).status).toBe(201);
      expect((await issue(ENQUIRY)).status).toBe(409);
      expect((await checkIn(code)).status).toBe(201);
    });

    it("when check-ins have used the daily cap, then walk-ins are refused", async () => {
      const a = await book("110101199003071230");
      const b = await book("110101199003070014");
      hall.clock.now = WEDNESDAY_10AM - 10 * 60_000;
      expect((await checkIn(a)).status).toBe(201);
      expect((await checkIn(b)).status).toBe(201);
      const walkIn = await issue(ENQUIRY);
      expect(walkIn.status).toBe(409);
      expect(walkIn.body.error.code).toBe("cap_reached");
    });
  });

  describe("check-in records the identity document's own type", () => {
    beforeEach(() => start({}, WEDNESDAY_10AM - 86_400_000));
    const idTypeOf = (ticketId: number) =>
      (hall.server.ctx.db.prepare("SELECT id_type FROM tickets WHERE id = ?").get(ticketId) as { id_type: string })
        .id_type;

    it("when a foreign permanent resident card checks in by ID number, then the ticket records that card type", async () => {
      const gateway = hall.device("gateway");
      const booked = await hall.api(
        "POST",
        "/api/appointments",
        { itemCode: ENQUIRY, slotStart: "2026-11-25T10:00:00+08:00", idNumber: FOREIGN_2023 },
        gateway,
      );
      expect(booked.status).toBe(201);
      hall.clock.now = WEDNESDAY_10AM - 10 * 60_000;
      const checked = await hall.takeAtKiosk<Issued>(kiosk, {
        checkIn: { idNumber: FOREIGN_2023, idType: "foreign-permanent-2023" },
      });
      expect(checked.status).toBe(201);
      expect(idTypeOf(checked.body.ticket.id)).toBe("foreign-permanent-2023");
    });

    it("when a check-in by code names a card type, then it is refused with the field named (the type belongs to a card read)", async () => {
      const res = await hall.takeAtKiosk<ApiError>(kiosk, { checkIn: { code: "ABCDEFGH", idType: "resident" } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain("idType");
    });

    it("when a booking names its document type and checks in by code, then the ticket records the booked type", async () => {
      const gateway = hall.device("gateway");
      const booked = await hall.api<{ code: string }>(
        "POST",
        "/api/appointments",
        {
          itemCode: ENQUIRY,
          slotStart: "2026-11-25T10:00:00+08:00",
          idNumber: FOREIGN_2023,
          idType: "foreign-permanent-2023",
        },
        gateway,
      );
      expect(booked.status).toBe(201);
      hall.clock.now = WEDNESDAY_10AM - 10 * 60_000;
      const checked = await hall.takeAtKiosk<Issued>(kiosk, { checkIn: { code: booked.body.code } });
      expect(checked.status).toBe(201);
      expect(idTypeOf(checked.body.ticket.id)).toBe("foreign-permanent-2023");
    });
  });

  describe("refusals and hold", () => {
    beforeEach(() => start({}));

    it("when a window may not serve a chosen ticket's item, then the refusal names the item by its code, not a row id", async () => {
      const t = (await issue(ENQUIRY)).body.ticket;
      const staff = await hall.login("GW012", 4); // 企业开办专窗: company items only
      const res = await hall.api<ApiError>("POST", "/api/counter/call", { ticketId: t.id }, staff);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(ENQUIRY);
      expect(res.body.error.message).not.toMatch(/item \d+ /);
    });

    it("when a ticket is only called, not in service, then hold is refused", async () => {
      await issue(ENQUIRY);
      const staff = await hall.login("GW005", 1);
      await hall.api("POST", "/api/counter/call-next", {}, staff);
      const held = await hall.api<ApiError>("POST", "/api/counter/hold", {}, staff);
      expect(held.status).toBe(409);
      expect(held.body.error.code).toBe("invalid_state");
      expect((await hall.api("POST", "/api/counter/start", {}, staff)).status).toBe(200);
      expect((await hall.api("POST", "/api/counter/hold", {}, staff)).status).toBe(200);
    });
  });
});
