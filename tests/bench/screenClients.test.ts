import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../../hall-server/src/testing/testHall.ts";
import { ScreenClientPool } from "./screenClients.ts";

const ENQUIRY = "11441702007046212W200010100100";

describe("the bench's screen clients on worker threads", () => {
  let hall: TestHall;
  let pool: ScreenClientPool;
  let staff: string;

  beforeAll(async () => {
    hall = await startTestHall();
    staff = await hall.login("GW005", 1);
    pool = await ScreenClientPool.open(hall.url, hall.device("screen"), 7, 3);
  }, 60_000);
  afterAll(async () => {
    await pool?.close();
    await hall?.close();
  });

  it("when a call is made, then every client on every thread reports its arrival, after the call was sent", async () => {
    await hall.takeAtKiosk(hall.device("kiosk"), { issue: { itemCode: ENQUIRY } });
    const timing = await pool.timeCall(async () => {
      const called = await hall.api("POST", "/api/counter/call-next", {}, staff);
      expect(called.status).toBe(200);
    }, 30_000);
    expect(pool.size).toBe(7);
    expect(timing.lost).toBe(0);
    expect(timing.latenciesMs).toHaveLength(7);
    for (const ms of timing.latenciesMs) expect(ms).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it("when no call comes, then after the timeout every client is counted lost", async () => {
    const timing = await pool.timeCall(() => Promise.resolve(), 300);
    expect(timing).toEqual({ latenciesMs: [], lost: 7 });
  }, 60_000);

  it("when the hall refuses a client, then opening the pool rejects and leaves no thread behind", async () => {
    await expect(ScreenClientPool.open(hall.url, "not-a-token", 2, 2)).rejects.toThrow(/could not connect/);
  }, 60_000);
});
