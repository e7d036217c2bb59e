import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PublicTicketStatus, TicketView } from "@onewindow/contract";
import { HallConfig } from "../config.ts";
import { startTestHall, type TestHall } from "../testing/testHall.ts";

const ENQUIRY = "11441702007046212W200010100100"; // 综合咨询, A, windows 1-3
const MAILING = "11441702007046212W200010200100"; // A, windows 1-3

type Issued = { ticket: TicketView };

describe("the public ticket status (the phone status page's answer) over real HTTP", () => {
  let hall: TestHall;
  let kiosk: string;
  const issue = async (itemCode = ENQUIRY) =>
    (await hall.takeAtKiosk<Issued>(kiosk, { issue: { itemCode } })).body.ticket;
  const status = async (t: TicketView) => {
    const res = await hall.api<PublicTicketStatus>("GET", `/api/public/tickets/${t.publicToken}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeEach(async () => {
    hall = await startTestHall();
    kiosk = hall.device("kiosk");
  });
  afterEach(async () => {
    expect(hall.contractProblems).toEqual([]);
    await hall.close();
  });

  it("when others are called, then people ahead falls and the last called number and its window follow", async () => {
    const first = await issue();
    const second = await issue();
    const mine = await issue();
    const before = await status(mine);
    expect(before).toMatchObject({ state: "waiting", peopleAhead: 2, lastCalled: null, transfer: null });
    expect(before.waitRangeMinutes!.low).toBeLessThanOrEqual(before.waitRangeMinutes!.high);
    expect(before.now).toBe(hall.clock.now);
    // The page shows times in the hall's zone (config timeZone), not the phone's.
    expect(before.timeZone).toBe("Asia/Shanghai");

    const staff = await hall.login("GW005", 2);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    expect(await status(mine)).toMatchObject({ peopleAhead: 1, lastCalled: { number: first.number, windowNumber: 2 } });
    await hall.api("POST", "/api/counter/start", {}, staff);
    await hall.api("POST", "/api/counter/finish", {}, staff);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    expect(await status(mine)).toMatchObject({ peopleAhead: 0, lastCalled: { number: second.number } });
  });

  it("when the ticket is called and recalled, then it shows its window and the recall count, without wait fields", async () => {
    const mine = await issue();
    const staff = await hall.login("GW005", 3);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    const calledAt = hall.clock.now;
    hall.clock.advance(30_000);
    await hall.api("POST", "/api/counter/recall", {}, staff);
    const s = await status(mine);
    expect(s).toMatchObject({
      state: "called",
      windowNumber: 3,
      recallCount: 1,
      lastCalled: { number: mine.number, windowNumber: 3 },
    });
    expect(s.stateAt).toBeGreaterThanOrEqual(calledAt);
    expect(s.peopleAhead).toBeUndefined();
    expect(s.expectedWaitMinutes).toBeUndefined();
  });

  it("when the ticket is transferred to another item and window, then it says from which item and to which window", async () => {
    const mine = await issue(ENQUIRY);
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await hall.api("POST", "/api/counter/start", {}, staff);
    const moved = await hall.api("POST", "/api/counter/transfer", { itemCode: MAILING, toWindowNumber: 2 }, staff);
    expect(moved.status).toBe(200);
    const s = await status(mine);
    const names = hall.server.ctx.catalog;
    expect(s).toMatchObject({
      state: "waiting",
      number: mine.number,
      itemName: names.item(MAILING)!.name,
      itemNameEn: names.item(MAILING)!.nameEn,
      transfer: {
        fromItemName: names.item(ENQUIRY)!.name,
        fromItemNameEn: names.item(ENQUIRY)!.nameEn,
        toWindowNumber: 2,
      },
      windowNumber: null,
      // The item's last call is of the new item: nobody was called for it yet.
      lastCalled: null,
    });
    expect(s.peopleAhead).toBe(0);
  });

  it("when the ticket is a no-show, then it gives the reactivation deadline; reactivated, it waits again", async () => {
    const mine = await issue();
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    hall.clock.advance(60_000);
    await hall.api("POST", "/api/counter/no-show", {}, staff);
    const s = await status(mine);
    expect(s.state).toBe("no_show");
    expect(s.reactivateUntil).toBe(hall.clock.now + 30 * 60_000);
    await hall.api("POST", `/api/tickets/${mine.id}/reactivate`, {}, staff);
    expect(await status(mine)).toMatchObject({ state: "waiting", reactivateUntil: null, peopleAhead: 0 });
  });

  it("when the hall never reactivates no-shows, then a no-show has no deadline", async () => {
    await hall.close();
    hall = await startTestHall({ config: { queue: HallConfig.parse({ queue: { reactivateMinutes: 0 } }).queue } });
    kiosk = hall.device("kiosk");
    const mine = await issue();
    const staff = await hall.login("GW005", 1);
    await hall.api("POST", "/api/counter/call-next", {}, staff);
    await hall.api("POST", "/api/counter/no-show", {}, staff);
    expect(await status(mine)).toMatchObject({ state: "no_show", reactivateUntil: null });
  });

  it("when the service day ends while it waits, then it is expired; an unknown token is 404", async () => {
    const mine = await issue();
    hall.clock.now = Date.parse("2026-11-26T10:00:00+08:00");
    // Any request after midnight closes the ended day first.
    expect((await status(mine)).state).toBe("expired");
    const unknown = await hall.api<{ error: { code: string } }>("GET", "/api/public/tickets/no-such-token-here");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("not_found");
  });
});
