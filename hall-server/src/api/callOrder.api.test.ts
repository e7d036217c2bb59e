/**
 * The counter's list of callable tickets and "call next" follow one order: the list is the order call-next takes
 * (issue 7, item 6). Ids are numbers end to end, so tickets arriving in the same millisecond go by id as numbers.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CallableTicket, IssueTicketBody, TicketView } from "@onewindow/contract";
import { isAppError } from "../errors.ts";
import { callableTickets, callNext } from "../services/calls.ts";
import { noShow } from "../services/serving.ts";
import { issueTicket } from "../services/tickets.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // A, GW005 weight 9
const MAILING = "11441702007046212W200010200100"; // A, GW005 weight 9
const LOST_ID = "11441702007046300B070001200300"; // B, GW005 weight 5
const RENEW_ID = "11441702007046300B070001200200"; // B, GW005 weight 5
const NOT_MINE = "11441702007046300B010003200100"; // B, GW005 has no skill for it: never callable by them

type Issued = { ticket: TicketView };
type Waiting = { tickets: CallableTicket[] };

describe("the callable list is the order call-next follows", () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => hall.close());

  it("when tickets 9 and 10 arrive in the same millisecond, then call-next takes 9 before 10, as the counter's list shows", async () => {
    const kiosk = hall.device("kiosk");
    const issued: TicketView[] = [];
    // The test clock stands still: all ten arrive in the same millisecond (as inside one group commit).
    for (let i = 0; i < 10; i++)
      issued.push((await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode: ENQUIRY } })).body.ticket);
    expect(new Set(issued.map((t) => t.arrivedAt)).size).toBe(1);
    const staff = await hall.login("GW005", 1);
    const list = (await hall.api<Waiting>("GET", "/api/counter/waiting", undefined, staff)).body.tickets;
    const called: number[] = [];
    for (let i = 0; i < 10; i++) {
      called.push((await hall.api<TicketView>("POST", "/api/counter/call-next", {}, staff)).body.id);
      expect((await hall.api("POST", "/api/counter/no-show", {}, staff)).status).toBe(200);
    }
    const byId = issued.map((t) => t.id).sort((a, b) => a - b);
    expect(list.map((t) => t.id)).toEqual(byId);
    expect(called).toEqual(byId);
  });

  it("when random tickets wait (items, classes, same-millisecond ties), then calling next again and again yields exactly the callable list", async () => {
    await hall.login("GW005", 1);
    const ctx = hall.server.ctx;
    const station = {
      staffId: ctx.catalog.staffByNo.get("GW005")!.id,
      windowId: ctx.catalog.windowsByNumber.get(1)!.id,
    };
    const issuer = { kind: "staff", staffId: ctx.catalog.staffByNo.get("GW002")!.id } as const;
    const arrival = fc.record({
      itemCode: fc.constantFrom(ENQUIRY, MAILING, LOST_ID, RENEW_ID, NOT_MINE),
      priority: fc.constantFrom<IssueTicketBody["priority"]>("normal", "normal", "elderly", "green"),
      // Mostly the same millisecond (ties), sometimes a few ms, a second or a minute apart.
      gapMs: fc.constantFrom(0, 0, 0, 1, 7, 1_000, 60_000),
    });
    fc.assert(
      fc.property(fc.array(arrival, { minLength: 1, maxLength: 25 }), (arrivals) => {
        for (const a of arrivals) {
          hall.clock.advance(a.gapMs);
          try {
            issueTicket(ctx, { itemCode: a.itemCode, priority: a.priority, agent: false }, issuer);
          } catch (error) {
            // A refused issue (daily cap, service hours) is simply a ticket that did not arrive.
            if (!isAppError(error)) throw error;
          }
        }
        const list = callableTickets(ctx, station.staffId, station.windowId).tickets.map((t) => t.id);
        const called: number[] = [];
        for (;;) {
          let id: number;
          try {
            id = callNext(ctx, station).id;
          } catch (error) {
            if (isAppError(error) && error.code === "no_ticket") break; // nobody left this window may call
            throw error;
          }
          called.push(id);
          noShow(ctx, station);
        }
        expect(called).toEqual(list);
        expect(callableTickets(ctx, station.staffId, station.windowId).tickets).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
