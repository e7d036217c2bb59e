// Issue 11's bad input at the counter, against the real API: each is refused with a clear message, changes nothing,
// and nothing is counted twice.
import { Catalog, type HallEvent, type HallSnapshot, type TicketView } from "@onewindow/contract";
import { afterEach, describe, expect, it } from "vitest";
import demoCatalog from "../demo/demoCatalog.json" with { type: "json" };
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // A, windows 1-3
/** 跨省通办事项代收代办: in the catalogue below no staff member is qualified for it. */
const NOBODY_QUALIFIED = "11441702007046212W200010700100";
/** 新生儿出生"一件事"联办: in the catalogue below no window may serve it. */
const NO_WINDOW = "11441702007046212W200010500100";

type ApiError = { error: { code: string; message: string } };
type Issued = { ticket: TicketView };

/** The demo catalogue with nobody qualified for NOBODY_QUALIFIED and no window allowed NO_WINDOW. */
function catalogWithUnservedItems(): Catalog {
  const c = Catalog.parse(structuredClone(demoCatalog));
  const every = c.items.map((i) => i.code);
  for (const s of c.staff) s.skills = s.skills.filter((k) => k.itemCode !== NOBODY_QUALIFIED);
  for (const w of c.windows) w.allowedItems = (w.allowedItems ?? every).filter((code) => code !== NO_WINDOW);
  return c;
}

describe("bad input at the counter", () => {
  let hall: TestHall;
  afterEach(async () => hall.close());
  const events = (type: HallEvent["type"]) => hall.server.ctx.events.since(0, 100_000).filter((e) => e.type === type);
  const snapshot = async (token: string) =>
    (await hall.api<HallSnapshot>("GET", "/api/snapshot", undefined, token)).body;

  describe("a staff member signing in at a second window", () => {
    it("when GW005 is signed in at window 1 and signs in at window 2, then it is refused naming window 1, window 2 stays closed and window 1 keeps working", async () => {
      hall = await startTestHall();
      const at1 = await hall.login("GW005", 1);
      const signedIn = events("staff.signed_in").length;
      const counter2 = hall.device("counter", 2);
      const res = await hall.api<ApiError>(
        "POST",
        "/api/auth/login",
        { employeeNo: "GW005", pin: "123456", windowNumber: 2 },
        counter2,
      );
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({
        code: "conflict",
        message: "陈晓梅 is already signed in at window 1: sign out there first",
      });
      const screen = hall.device("screen");
      const windows = (await snapshot(screen)).windows;
      expect(windows.find((w) => w.number === 2)).toMatchObject({ state: "closed", staff: null });
      expect(windows.find((w) => w.number === 1)?.staff?.employeeNo).toBe("GW005");
      expect(events("staff.signed_in")).toHaveLength(signedIn);
      expect((await hall.api("GET", "/api/counter/waiting", undefined, at1)).status).toBe(200);
    });

    it("when GW005 signs in at windows 1 and 2 at the same moment, then exactly one sign-in wins and the other is refused", async () => {
      hall = await startTestHall();
      const [c1, c2] = [hall.device("counter", 1), hall.device("counter", 2)];
      const login = (windowNumber: number, counter: string) =>
        hall.api<ApiError>("POST", "/api/auth/login", { employeeNo: "GW005", pin: "123456", windowNumber }, counter);
      const results = await Promise.all([login(1, c1), login(2, c2)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!.body;
      expect(loser.error.message).toMatch(/^陈晓梅 is already signed in at window [12]: sign out there first$/);
      const seats = hall.server.ctx.db.prepare("SELECT count(*) AS n FROM windows WHERE staff_id IS NOT NULL").get();
      expect(seats).toEqual({ n: 1 });
      expect(events("staff.signed_in")).toHaveLength(1);
    });
  });

  describe("two consoles calling the same ticket", () => {
    it("when windows 1 and 2 call the same chosen ticket at once, then one wins, the other is told where it went, and it is called once", async () => {
      hall = await startTestHall();
      const kiosk = hall.device("kiosk");
      const t = (await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } })).body.ticket;
      await hall.takeAtKiosk(kiosk, { issue: { itemCode: ENQUIRY } });
      const a = await hall.login("GW005", 1);
      const b = await hall.login("GW006", 2);
      const results = await Promise.all([
        hall.api<TicketView | ApiError>("POST", "/api/counter/call", { ticketId: t.id }, a),
        hall.api<TicketView | ApiError>("POST", "/api/counter/call", { number: t.number }, b),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!.body as TicketView;
      const loser = results.find((r) => r.status === 409)!.body as ApiError;
      expect(winner.id).toBe(t.id);
      expect(loser.error).toEqual({
        code: "invalid_state",
        message: `ticket ${t.number} was already called to window ${winner.windowNumber}`,
      });
      expect(
        events("ticket.called").filter((e) => e.type === "ticket.called" && e.data.ticket.id === t.id),
      ).toHaveLength(1);
      expect(hall.server.ctx.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'call_chosen'").get()).toEqual({
        n: 1,
      });
      // Counted once: one left waiting, and the losing window is still free to call it.
      const screen = hall.device("screen");
      expect((await snapshot(screen)).waiting[ENQUIRY]).toBe(1);
      const loserToken = results[0]?.status === 409 ? a : b;
      expect((await hall.api<TicketView>("POST", "/api/counter/call-next", {}, loserToken)).status).toBe(200);
    });

    it("when a ticket being served at window 1 is chosen at window 2, then the refusal says it is being served there", async () => {
      hall = await startTestHall();
      const kiosk = hall.device("kiosk");
      const t = (await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } })).body.ticket;
      const a = await hall.login("GW005", 1);
      await hall.api("POST", "/api/counter/call-next", {}, a);
      await hall.api("POST", "/api/counter/start", {}, a);
      const b = await hall.login("GW006", 2);
      const res = await hall.api<ApiError>("POST", "/api/counter/call", { ticketId: t.id }, b);
      expect(res.body.error.message).toBe(`ticket ${t.number} is already being served at window 1`);
    });
  });

  describe("a transfer to an item nobody serves", () => {
    async function servingAtWindow1() {
      hall = await startTestHall({ catalog: catalogWithUnservedItems() });
      const kiosk = hall.device("kiosk");
      const t = (await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } })).body.ticket;
      const staff = await hall.login("GW005", 1);
      await hall.api("POST", "/api/counter/call-next", {}, staff);
      await hall.api("POST", "/api/counter/start", {}, staff);
      return { t, staff };
    }

    it.each([
      [
        "no staff member is qualified for it",
        NOBODY_QUALIFIED,
        "跨省通办事项代收代办: no staff member in this hall is qualified for it, so nobody could ever call the ticket; transfer to another item",
      ],
      [
        "no window may serve it",
        NO_WINDOW,
        "no window in this hall serves it, so nobody could ever call the ticket; transfer to another item",
      ],
    ])(
      "when %s, then the transfer is refused with why and the citizen stays at the window",
      async (_why, itemCode, words) => {
        const { t, staff } = await servingAtWindow1();
        const seq = hall.server.ctx.events.lastSeq();
        const res = await hall.api<ApiError>("POST", "/api/counter/transfer", { itemCode, note: "转办" }, staff);
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe("conflict");
        expect(res.body.error.message).toContain(words);
        expect(hall.server.ctx.events.lastSeq()).toBe(seq);
        const after = await hall.api<{ ticket: TicketView }>("GET", `/api/tickets/${t.id}`, undefined, staff);
        expect(after.body.ticket).toMatchObject({ state: "serving", windowNumber: 1, itemCode: ENQUIRY });
      },
    );

    it("when qualified staff exist but none is signed in now, then the transfer is accepted: they may sign in later today", async () => {
      const { t, staff } = await servingAtWindow1();
      const PASSPORT = "11441702007046300B010003100100"; // 普通护照签发: GW002, GW008, GW010, GW011; none signed in
      const res = await hall.api<TicketView>("POST", "/api/counter/transfer", { itemCode: PASSPORT }, staff);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: t.id, state: "waiting", itemCode: PASSPORT, arrivedAt: t.arrivedAt });
      const gw008 = await hall.login("GW008", 2);
      expect((await hall.api<TicketView>("POST", "/api/counter/call-next", {}, gw008)).body.id).toBe(t.id);
    });
  });
});
