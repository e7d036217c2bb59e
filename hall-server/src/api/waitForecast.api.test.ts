/**
 * The wait forecast in every answer that shows a wait (issue 13): the issue answer, the item-wait query, the
 * counter's ticket status and the citizen's public status page, each with its range; 0 only with a free window.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { IssuedTicket, PublicTicketStatus, WaitInfo } from "@onewindow/contract";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // 综合咨询, served by windows 1-3; GW005 may serve it

describe("wait forecast over real HTTP", () => {
  let hall: TestHall;
  let kiosk: string;
  beforeEach(async () => {
    hall = await startTestHall();
    kiosk = hall.device("gateway");
  });
  afterEach(async () => hall.close());

  const issue = async () => (await hall.api<IssuedTicket>("POST", "/api/tickets", { itemCode: ENQUIRY }, kiosk)).body;
  const itemWait = async () => (await hall.api<WaitInfo>("GET", `/api/items/${ENQUIRY}/wait`, undefined, kiosk)).body;

  it("when a qualified window is free, then a new ticket is told 0 minutes; once it is busy, more than 0", async () => {
    const staff = await hall.login("GW005", 1);
    expect(await itemWait()).toMatchObject({
      expectedWaitMinutes: 0,
      waitRangeMinutes: { low: 0, high: 0 },
      staffed: true,
    });
    const first = await issue();
    expect(first.expectedWaitMinutes).toBe(0);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await hall.api("POST", "/api/counter/start", {}, staff);
    // The window is serving now: the next ticket waits for it, and is told a range that holds its figure.
    hall.clock.advance(2000);
    const second = await issue();
    expect(second.staffed).toBe(true);
    expect(second.expectedWaitMinutes).toBeGreaterThan(0);
    const { low, high } = second.waitRangeMinutes;
    expect(low).toBeLessThanOrEqual(second.expectedWaitMinutes);
    expect(high).toBeGreaterThanOrEqual(second.expectedWaitMinutes);
    expect(high).toBeGreaterThan(low);
  });

  it("when tickets wait, then the ticket status and the public page show the same forecast with its range", async () => {
    const staff = await hall.login("GW005", 1);
    await issue();
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await hall.api("POST", "/api/counter/start", {}, staff);
    hall.clock.advance(1000);
    const a = await issue();
    const b = await issue();
    // Each later ticket waits at least as long: the forecast follows the queue's order.
    expect(b.expectedWaitMinutes).toBeGreaterThanOrEqual(a.expectedWaitMinutes);
    const pub = await hall.api<PublicTicketStatus>("GET", `/api/public/tickets/${b.ticket.publicToken}`);
    expect(pub.status).toBe(200);
    expect(pub.body.waitRangeMinutes).toEqual(b.waitRangeMinutes);
    expect(pub.body.expectedWaitMinutes).toBe(b.expectedWaitMinutes);
    const status = await hall.api<WaitInfo>("GET", `/api/tickets/${b.ticket.id}`, undefined, staff);
    expect(status.body.waitRangeMinutes).toEqual(b.waitRangeMinutes);
  });

  it("when nobody qualified is signed in, then the answer says so and guesses as if one window opened", async () => {
    await issue();
    const second = await issue();
    expect(second.staffed).toBe(false);
    expect(second.expectedWaitMinutes).toBeGreaterThan(0);
    expect(second.waitRangeMinutes.low).toBe(second.expectedWaitMinutes);
  });
});
