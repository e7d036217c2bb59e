/**
 * The kiosk page's catalogue through the agent: the page holds no credentials, so it asks the agent ("catalog") and
 * the agent reads GET /api/catalog with the station's token. Against a real hall-server on port 0.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KioskCatalog, WaitInfo } from "@onewindow/contract";
import type { TestHall } from "../../hall-server/src/testing/testHall.ts";
import { ENQUIRY, startKiosk, startLooseHall, type InProcessKiosk } from "./agentHarness.ts";

let hall: TestHall;
let kiosk: InProcessKiosk;

beforeAll(async () => {
  hall = await startLooseHall();
  kiosk = await startKiosk(hall, { overMemory: true });
});

afterAll(async () => {
  await kiosk?.close();
  await hall?.close();
});

describe("the kiosk's catalogue through the agent", () => {
  it("when the page asks for the catalogue, then it gets the active items with materials, limits, hours and initials", async () => {
    const unauthenticated = await fetch(`${hall.url}/api/catalog`);
    expect(unauthenticated.status).toBe(401);

    await kiosk.client.send({ type: "catalog" });
    const answer = await kiosk.client.next(["catalog", "catalogUnavailable"]);
    expect(answer.type).toBe("catalog");
    if (answer.type !== "catalog") return;
    const catalog = KioskCatalog.parse(answer.catalog);
    const enquiry = catalog.items.find((i) => i.code === ENQUIRY);
    expect(enquiry).toMatchObject({ name: "综合咨询与帮办代办服务", initials: "zhzxybbdbfw" });
    expect(enquiry!.hours.length).toBeGreaterThan(0);
    expect(catalog.windows.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer)).not.toMatch(/employeeNo|pin|password|token/i);
  });

  it("when the page asks an item's wait, then it gets the hall's forecast for a ticket taken now (people ahead included)", async () => {
    const gateway = hall.device("gateway");
    for (let i = 0; i < 3; i++)
      expect((await hall.api("POST", "/api/tickets", { itemCode: ENQUIRY }, gateway)).status).toBe(201);
    const direct = await hall.api<unknown>("GET", `/api/items/${ENQUIRY}/wait`, undefined, gateway);
    expect(direct.status).toBe(200);

    await kiosk.client.send({ type: "itemWait", itemCode: ENQUIRY });
    const answer = await kiosk.client.next("itemWait");
    expect(answer).toEqual({ type: "itemWait", itemCode: ENQUIRY, wait: WaitInfo.parse(direct.body) });
    expect(answer.type === "itemWait" && answer.wait?.peopleAhead).toBe(3);
  });

  it("when the item is unknown or the hall cannot be reached, then the wait is null (the page shows none)", async () => {
    await kiosk.client.send({ type: "itemWait", itemCode: "NO-SUCH-ITEM" });
    expect(await kiosk.client.next("itemWait")).toEqual({ type: "itemWait", itemCode: "NO-SUCH-ITEM", wait: null });
    const cut = await startKiosk(hall, {
      overMemory: true,
      patch: { hallUrl: "http://127.0.0.1:9", extraPageOrigins: [new URL(hall.url).origin] },
    });
    try {
      await cut.client.send({ type: "itemWait", itemCode: ENQUIRY });
      expect(await cut.client.next("itemWait")).toEqual({ type: "itemWait", itemCode: ENQUIRY, wait: null });
    } finally {
      await cut.close();
    }
  });

  it("when the hall-server cannot be reached, then the page is told plainly in both languages", async () => {
    const cut = await startKiosk(hall, {
      overMemory: true,
      patch: { hallUrl: "http://127.0.0.1:9", extraPageOrigins: [new URL(hall.url).origin] },
    });
    try {
      await cut.client.send({ type: "catalog" });
      const answer = await cut.client.next(["catalog", "catalogUnavailable"]);
      expect(answer).toMatchObject({ type: "catalogUnavailable", reason: { code: "catalog_unavailable" } });
    } finally {
      await cut.close();
    }
  });
});
